#!/usr/bin/env python3
"""tests/fuzz/make_seeds.py OUTDIR: seed corpora for the fuzz targets, taken from the samples.

Writes OUTDIR/<target>/ for each target in tests/fuzz/:
  docx_form_fuzzer   the Word forms of samples/intake (申请表*.docx), plus their word/document.xml;
  xml_form_fuzzer    the XML forms of samples/intake;
  file_probe_fuzzer  one file of each extension found in samples/intake (pdf, docx, xlsx, jpg,
                     png, xml, ...), the smallest of each, so a corpus stays small;
  normaliser_fuzzer  every table cell and paragraph text of the sample forms (dates, levels,
                     counts, yes/no answers as clerks type them), one seed per distinct text;
  template_fuzzer    templates/documents/*.xml;
  xlsx_fuzzer        the .xlsx files of samples/intake (staff and equipment lists) and the
                     scoring sheet filled in LibreOffice (tests/evaluation/testdata);
  archive_fuzzer     the .zip, .7z and .rar files of samples/intake and tests/e2e/testdata
                     (Windows-style zips with GBK names, a 7-Zip archive and a RAR 5 written
                     by make_archive_fixtures.py);
  pdf_inspect_fuzzer the PDFs of tests/ingest/testdata (encrypted RC4 and AES-256, owner
                     password only, the hostile shapes of issue 22) and the smallest sample PDF.
Seeds are named by the SHA-1 of their content, as libFuzzer names its own.
"""
import hashlib
import os
import re
import sys
import zipfile

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
INTAKE = os.path.join(REPO, "samples", "intake")


def put(outdir, target, data):
    folder = os.path.join(outdir, target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, hashlib.sha1(data).hexdigest()), "wb") as f:
        f.write(data)


def intake_files():
    for root, _, names in os.walk(INTAKE):
        for name in sorted(names):
            yield os.path.join(root, name)


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    out = sys.argv[1]
    smallest = {}
    texts = set()
    for path in intake_files():
        name = os.path.basename(path)
        ext = os.path.splitext(name)[1].lower()
        with open(path, "rb") as f:
            data = f.read()
        if ext and (ext not in smallest or len(data) < len(smallest[ext])):
            smallest[ext] = data
        if name.startswith("申请表") and ext == ".docx":
            put(out, "docx_form_fuzzer", data)
            try:
                with zipfile.ZipFile(path) as z:
                    xml = z.read("word/document.xml")
                put(out, "docx_form_fuzzer", xml)
                texts.update(re.findall(rb"<w:t(?: [^>]*)?>([^<]+)</w:t>", xml))
            except (zipfile.BadZipFile, KeyError):
                pass  # the broken forms are seeds as they are
        elif ext == ".xlsx":
            put(out, "xlsx_fuzzer", data)
        elif name.startswith("申请表") and ext == ".xml":
            put(out, "xml_form_fuzzer", data)
            texts.update(re.findall(rb">([^<>]+)<", data))
    for data in smallest.values():
        put(out, "file_probe_fuzzer", data)
    for text in texts:
        if text.strip():
            put(out, "normaliser_fuzzer", text.strip())
    sheets = os.path.join(REPO, "tests", "evaluation", "testdata")
    for name in sorted(os.listdir(sheets)):
        if name.endswith(".xlsx"):
            with open(os.path.join(sheets, name), "rb") as f:
                put(out, "xlsx_fuzzer", f.read())
    for root in (INTAKE, os.path.join(REPO, "tests", "e2e", "testdata")):
        for folder, _, files in sorted(os.walk(root)):
            for name in sorted(files):
                if name.endswith((".zip", ".7z", ".rar")):
                    with open(os.path.join(folder, name), "rb") as f:
                        put(out, "archive_fuzzer", f.read())
    put(out, "pdf_inspect_fuzzer", smallest[".pdf"])
    for folder, _, files in sorted(os.walk(os.path.join(REPO, "tests", "ingest", "testdata"))):
        for name in sorted(files):
            if name.endswith(".pdf"):
                with open(os.path.join(folder, name), "rb") as f:
                    put(out, "pdf_inspect_fuzzer", f.read())
    docs = os.path.join(REPO, "templates", "documents")
    for name in sorted(os.listdir(docs)):
        with open(os.path.join(docs, name), "rb") as f:
            put(out, "template_fuzzer", f.read())


if __name__ == "__main__":
    main()
