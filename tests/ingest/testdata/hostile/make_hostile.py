#!/usr/bin/env python3
"""Regenerates the hostile-input corpus (run from the repo root):

    python3 tests/ingest/testdata/hostile/make_hostile.py

Each folder here is one dossier holding one broken or malicious file; tests/ingest/
hostile_corpus_test.cc runs `beian check` on each and expects its clear finding. Files that
cannot be committed portably (symlink loops, FIFOs) are made at test time by that test. Form
nesting depth and size limits are tested with the form readers, not here. Output is
deterministic.

The two hostile PDFs (issue 22; they crashed PoDoFo, qpdf reads them) sit in a valid dossier as
its brochure (宣传册.pdf): AES-256 /Encrypt entries cut short (a 418-byte file), and an AES-256
file with an empty user password whose page is 50,000 dictionaries deep. The second needs the
qpdf command-line tool (Debian package qpdf) to encrypt, and differs on each run (qpdf draws a
random AES-256 file key); tests need only the committed files.
"""
import os
import re
import shutil
import struct
import subprocess
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "..", "samples", "gen"))
import form_writer  # noqa: E402
from pdf_objects import pdf_from_objects  # noqa: E402

sys.path.insert(0, os.path.dirname(HERE))
from make_testdata import zip_parts  # noqa: E402

NAME = "吉林省白桦职业技能培训学校"
FIELDS = {
    "institution_name": NAME,
    "unified_credit_code": "52220000MJ1234567X",
    "legal_representative": "王建国",
    "applicant_type": "社会培训评价组织",
    "affiliation": "省属",
    "region": "长春市",
    "application_kind": "首次申请",
    "application_date": "2025年6月1日",
}
OCCUPATIONS = [("4-04-05-01", "计算机程序设计员", "三级/高级工")]

# Billion laughs: ten levels of ten references each, 10^9 copies if an entity were expanded.
LAUGHS = "".join(
    '<!ENTITY lol%d "%s">' % (i, ("&lol%d;" % (i - 1)) * 10 if i else "lol") for i in range(10))
BILLION_LAUGHS_DTD = "<!DOCTYPE application [%s]>" % LAUGHS
EXTERNAL_DTD = '<!DOCTYPE application [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


def docx_parts(document_xml=None):
    """The parts of a valid Word form, optionally with another word/document.xml."""
    tmp = os.path.join(HERE, ".tmp.docx")
    form_writer.write_form(tmp, FIELDS, OCCUPATIONS)
    with zipfile.ZipFile(tmp) as z:
        parts = [(n, z.read(n)) for n in z.namelist()]
    os.remove(tmp)
    if document_xml is not None:
        parts = [(n, document_xml if n == "word/document.xml" else d) for n, d in parts]
    return parts


def with_doctype(xml, doctype, reference):
    """`xml` with `doctype` after its declaration and the institution name replaced by
    `reference` (an entity reference)."""
    text = xml.decode("utf-8")
    head, sep, rest = text.partition("?>")
    return (head + sep + doctype + rest.replace(NAME, reference, 1)).encode("utf-8")


def patch_sizes(data, declared):
    """Sets every uncompressed size, in local headers and the central directory, to
    `declared`."""
    data = bytearray(data)
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        pos = data.find(signature)
        while pos >= 0:
            struct.pack_into("<I", data, pos + offset, declared)
            pos = data.find(signature, pos + 4)
    return bytes(data)


def dossier(name):
    path = os.path.join(HERE, name)
    os.makedirs(path)
    return path


def pdf_file(objs, trailer_extra=b"", version=b"1.4"):
    """A PDF of the object bodies `objs` (the first the catalog), `trailer_extra` added to its
    trailer."""
    return pdf_from_objects(
        objs, lambda size: b"<</Size %d/Root 1 0 R%s>>" % (size, trailer_extra),
        b"%PDF-" + version + b"\n")


ONE_PAGE = [b"<</Type/Catalog/Pages 2 0 R>>", b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
            b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>"]


def pdf_short_aes256_entries():
    """/V 5 /R 6 with one-byte /O and /U (they must be 48 bytes) and no /OE, /UE, /Perms: PoDoFo
    0.9 crashed in PdfEncrypt::CreatePdfEncrypt on it (418 bytes)."""
    enc = b"<</Filter/Standard/V 5/R 6/P -4/O<00>/U<00>>>"
    return pdf_file(ONE_PAGE + [enc], b"/Encrypt 4 0 R/ID[<00><00>]", b"1.7")


def pdf_aes256_nested(depth=50000):
    """One page encrypted by qpdf (AES-256, empty user password), then an incremental update
    whose page object nests `depth` dictionaries."""
    qpdf = shutil.which("qpdf")
    if qpdf is None:
        sys.exit("qpdf is needed to encrypt the nested PDF (apt-get install qpdf)")
    plain = os.path.join(HERE, ".tmp-plain.pdf")
    encrypted = os.path.join(HERE, ".tmp-encrypted.pdf")
    with open(plain, "wb") as f:
        f.write(pdf_file(ONE_PAGE))
    subprocess.run([qpdf, "--static-id", "--static-aes-iv", "--object-streams=disable",
                    "--encrypt", "", "owner", "256", "--", plain, encrypted], check=True)
    with open(encrypted, "rb") as f:
        base = f.read()
    os.remove(plain)
    os.remove(encrypted)
    found = re.search(rb"trailer\s*<<(.*?)>>\s*startxref\s*(\d+)", base, re.S)
    trailer = re.sub(rb"/Prev \d+", b"", found.group(1))
    nested = b"<</A " * depth + b"1" + b">>" * depth
    page = (b"3 0 obj\n<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Nested " + nested +
            b">>\nendobj\n")
    xref = len(base) + len(page)
    update = page + b"xref\n0 1\n0000000000 65535 f \n3 1\n%010d 00000 n \n" % len(base)
    update += b"trailer\n<<%s/Prev %d>>\nstartxref\n%d\n%%%%EOF\n" % (
        trailer, int(found.group(2)), xref)
    return base + update


def main():
    for entry in os.listdir(HERE):
        if os.path.isdir(os.path.join(HERE, entry)):
            shutil.rmtree(os.path.join(HERE, entry))
    form_xml = form_writer.xml_text(FIELDS, OCCUPATIONS).encode("utf-8")
    document_xml = dict(docx_parts())["word/document.xml"]

    # Zip slip: entries that would land outside any folder if extracted. Read in memory only.
    d = dossier("zip-slip")
    zip_parts(os.path.join(d, "申请表.docx"),
              docx_parts() + [("../../../zip-slip-escaped.txt", b"escaped"),
                              ("/tmp/zip-slip-absolute.txt", b"escaped")])

    # Entity expansion in the XML form and in a Word form's document.xml.
    d = dossier("xml-billion-laughs")
    with open(os.path.join(d, "申请表.xml"), "wb") as f:
        f.write(with_doctype(form_xml, BILLION_LAUGHS_DTD, "&lol9;"))
    d = dossier("xml-external-entity")
    with open(os.path.join(d, "申请表.xml"), "wb") as f:
        f.write(with_doctype(form_xml, EXTERNAL_DTD, "&xxe;"))
    d = dossier("docx-billion-laughs")
    zip_parts(os.path.join(d, "申请表.docx"),
              docx_parts(with_doctype(document_xml, BILLION_LAUGHS_DTD.replace(
                  "application", "w:document"), "&lol9;")))
    d = dossier("docx-external-entity")
    zip_parts(os.path.join(d, "申请表.docx"),
              docx_parts(with_doctype(document_xml, EXTERNAL_DTD.replace(
                  "application", "w:document"), "&xxe;")))

    # A zip whose headers declare 4 GB per entry (a bomb by declaration).
    d = dossier("zip-huge-declared-size")
    zip_parts(os.path.join(d, ".tmp.docx"), docx_parts())
    with open(os.path.join(d, ".tmp.docx"), "rb") as f:
        data = f.read()
    os.remove(os.path.join(d, ".tmp.docx"))
    with open(os.path.join(d, "申请表.docx"), "wb") as f:
        f.write(patch_sizes(data, 0xFFFFFFF0))

    # Two entries named word/document.xml: the second would hide the first in some readers.
    d = dossier("zip-duplicate-entry")
    other = document_xml.replace(NAME.encode("utf-8"), "冒名顶替职业培训学校".encode("utf-8"))
    zip_parts(os.path.join(d, "申请表.docx"), docx_parts() + [("word/document.xml", other)])

    # The central directory cut off (an interrupted copy).
    d = dossier("zip-truncated-central-directory")
    zip_parts(os.path.join(d, ".tmp.docx"), docx_parts())
    with open(os.path.join(d, ".tmp.docx"), "rb") as f:
        data = f.read()
    os.remove(os.path.join(d, ".tmp.docx"))
    with open(os.path.join(d, "申请表.docx"), "wb") as f:
        f.write(data[:data.rfind(b"PK\x01\x02") + 20])

    # Hostile PDFs as a brochure beside a valid form.
    for name, pdf in (("pdf-aes256-short-entries", pdf_short_aes256_entries()),
                      ("pdf-aes256-nested-dictionaries", pdf_aes256_nested())):
        d = dossier(name)
        with open(os.path.join(d, "申请表.xml"), "wb") as f:
            f.write(form_xml)
        with open(os.path.join(d, "宣传册.pdf"), "wb") as f:
            f.write(pdf)


if __name__ == "__main__":
    main()
