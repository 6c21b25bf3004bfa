#!/usr/bin/env python3
"""Writes the committed "files as real viewers open them" fixtures (run from the repo root):

    python3 tests/ingest/testdata/viewers/make_viewer_fixtures.py

Run once by a developer; the outputs are COMMITTED so no test needs these tools. Writers
differ from the sample generator on purpose:
  - PDFs: qpdf (Debian package qpdf) encrypts a plain PDF with an owner password only
    (empty user password) and with a real user password, RC4-128 (R3) and AES-256 (R6).
  - OFD: python zipfile, an e-licence shaped per GB/T 33190 (OFD.xml at the root, Doc_0/).
  - TIFF/WebP: CPython's own test images (Lib/test/imghdrdata, PSF licence), copied.
  - HEIC: the ISO BMFF boxes an iPhone writes first (ftyp heic + meta), by hand.
  - .doc/.xls/.ppt: a minimal OLE2 compound file (MS-CFB v3) with the stream a legacy Office
    file has (WordDocument / Workbook / PowerPoint Document), by hand.
  - JPEG motion photo: a JPEG followed by an MP4 (as Samsung/Google phones save them).
  - PDF with bytes after %%EOF: a PDF followed by 8 KiB of padding (some scanners do this).
"""
import glob
import os
import shutil
import struct
import subprocess
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "..", "samples", "gen"))
from pdf_objects import pdf_from_objects  # noqa: E402
DATE = (1980, 1, 1, 0, 0, 0)


def out(name):
    return os.path.join(HERE, name)


def plain_pdf():
    # One page, no fonts; written by hand so the xref offsets are exact.
    objs = [b"<</Type/Catalog/Pages 2 0 R>>",
            b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
            b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>"]
    return pdf_from_objects(objs, lambda size: b"<</Size %d/Root 1 0 R>>" % size)


def pdfs():
    src = out("plain.pdf.tmp")
    with open(src, "wb") as f:
        f.write(plain_pdf())
    qpdf = shutil.which("qpdf")
    if qpdf is None:
        sys.exit("qpdf is needed to regenerate the encrypted PDFs (apt-get install qpdf)")
    det = ["--static-id", "--static-aes-iv", "--allow-weak-crypto"]
    runs = {
        "仅设所有者密码.pdf": ["--encrypt", "", "owner", "128", "--"],
        "仅设所有者密码AES256.pdf": ["--encrypt", "", "owner", "256", "--"],
        "设有打开密码.pdf": ["--encrypt", "user", "owner", "128", "--"],
        "设有打开密码AES256.pdf": ["--encrypt", "user", "owner", "256", "--"],
    }
    for name, args in runs.items():
        subprocess.run([qpdf, *det, *args, src, out(name)], check=True)
    with open(out("EOF后有多余字节.pdf"), "wb") as f:
        f.write(plain_pdf() + b"\x00" * 8192)
    os.remove(src)


def ofd():
    ofd_xml = ('<?xml version="1.0" encoding="UTF-8"?>\n'
               '<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" Version="1.1" DocType="OFD">'
               '<ofd:DocBody><ofd:DocInfo><ofd:DocID>0a1b2c3d</ofd:DocID>'
               '<ofd:Title>营业执照</ofd:Title></ofd:DocInfo>'
               '<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>')
    doc_xml = ('<?xml version="1.0" encoding="UTF-8"?>\n'
               '<ofd:Document xmlns:ofd="http://www.ofdspec.org/2016"><ofd:CommonData>'
               '<ofd:MaxUnitID>3</ofd:MaxUnitID><ofd:PageArea>'
               '<ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea>'
               '</ofd:CommonData><ofd:Pages><ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/>'
               '</ofd:Pages></ofd:Document>')
    page_xml = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content>'
                '<ofd:Layer ID="2"/></ofd:Content></ofd:Page>')
    parts = [("OFD.xml", ofd_xml), ("Doc_0/Document.xml", doc_xml),
             ("Doc_0/Pages/Page_0/Content.xml", page_xml)]

    def write(name, items):
        with zipfile.ZipFile(out(name), "w", zipfile.ZIP_DEFLATED) as z:
            for part, text in items:
                z.writestr(zipfile.ZipInfo(part, DATE), text.encode("utf-8"))

    write("电子营业执照.ofd", parts)
    write("坏OFD.ofd", [("OFD.xml", "<ofd:OFD xmlns:ofd='x'><unclosed>")] + parts[1:])


def pictures():
    lib = sorted(glob.glob(os.path.join(sys.base_prefix, "lib", "python3*", "test",
                                        "**", "python.tiff"), recursive=True))
    if not lib:
        sys.exit("CPython's test images (python.tiff/python.webp) were not found")
    folder = os.path.dirname(lib[0])
    shutil.copyfile(os.path.join(folder, "python.tiff"), out("场地照片.tif"))
    shutil.copyfile(os.path.join(folder, "python.webp"), out("场地照片.webp"))
    jpg = os.path.join(folder, "python.jpg")
    with open(jpg, "rb") as f:
        jpeg = f.read()
    assert jpeg.endswith(b"\xff\xd9")
    # Motion photo: the MP4 after the JPEG end marker ("ftyp" box, then padding).
    mp4 = struct.pack(">I", 24) + b"ftypmp42" + b"\x00\x00\x00\x00mp42isom"
    mp4 += struct.pack(">I", 16 + 20000) + b"mdat" + b"\x00" * 8 + b"\x5a" * 20000
    with open(out("动态照片.jpg"), "wb") as f:
        f.write(jpeg + mp4)
    # HEIC: ftyp (brand heic, compatible mif1 heic) and an empty meta box.
    ftyp = b"ftypheic" + b"\x00\x00\x00\x00" + b"mif1heic"
    meta = b"meta" + b"\x00\x00\x00\x00" + struct.pack(">I", 33) + b"hdlr" + b"\x00" * 8 + \
        b"pict" + b"\x00" * 13
    with open(out("场地照片.heic"), "wb") as f:
        f.write(struct.pack(">I", 4 + len(ftyp)) + ftyp + struct.pack(">I", 4 + len(meta)) + meta)


def ole2(stream_name, payload_size=4096):
    """A minimal MS-CFB v3 file: header, one FAT sector, one directory sector, the stream."""
    sector = 512
    n_stream = (payload_size + sector - 1) // sector
    # Sector layout: 0 = FAT, 1 = directory, 2.. = stream.
    fat = [0xFFFFFFFD, 0xFFFFFFFE]
    for i in range(n_stream):
        fat.append(3 + i if i + 1 < n_stream else 0xFFFFFFFE)
    fat += [0xFFFFFFFF] * (sector // 4 - len(fat))
    header = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + b"\x00" * 16
    header += struct.pack("<HHHH", 0x3E, 3, 0xFFFE, 9)      # minor, major, byte order, shift
    header += struct.pack("<H", 6) + b"\x00" * 6             # mini shift, reserved
    header += struct.pack("<III", 0, 1, 1)                   # dir sectors, FAT sectors, dir start
    header += struct.pack("<III", 0, 4096, 0xFFFFFFFE)       # txn, mini cutoff, minifat start
    header += struct.pack("<II", 0, 0xFFFFFFFE)              # minifat count, DIFAT start
    header += struct.pack("<I", 0)                           # DIFAT count
    header += struct.pack("<I", 0) + struct.pack("<I", 0xFFFFFFFF) * 108
    assert len(header) == 512

    def entry(name, kind, child, start, size):
        raw = name.encode("utf-16-le") + b"\x00\x00"
        e = raw.ljust(64, b"\x00") + struct.pack("<HBB", len(raw), kind, 1)
        e += struct.pack("<III", 0xFFFFFFFF, 0xFFFFFFFF, child)
        e += b"\x00" * 16 + b"\x00" * 4 + b"\x00" * 16
        e += struct.pack("<IQ", start, size)
        return e.ljust(128, b"\x00")

    directory = entry("Root Entry", 5, 1, 0xFFFFFFFE, 0) + \
        entry(stream_name, 2, 0xFFFFFFFF, 2, payload_size)
    directory = directory.ljust(sector, b"\x00")
    payload = (b"legacy office stream " * 400)[:payload_size].ljust(n_stream * sector, b"\x00")
    return header + struct.pack("<%dI" % (sector // 4), *fat) + directory + payload


def legacy_office():
    for name, stream in [("人员名单.xls", "Workbook"), ("申请报告.doc", "WordDocument"),
                         ("机构介绍.ppt", "PowerPoint Document"),
                         ("申请表.doc", "WordDocument"),
                         ("加密申请表.docx", "EncryptedPackage")]:
        with open(out(name), "wb") as f:
            f.write(ole2(stream))


def renamed_main_part():
    """The blank form re-saved with its main part at word/main.xml (some office suites and
    converters do this): found through _rels/.rels and [Content_Types].xml."""
    root = os.path.join(HERE, "..", "..", "..", "..")
    src = os.path.join(root, "templates", "forms", "申请表（空白）.docx")
    with zipfile.ZipFile(src) as z:
        items = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(out("主部件改名.docx"), "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in items:
            if name == "word/document.xml":
                name = "word/main.xml"
            elif name in ("_rels/.rels", "[Content_Types].xml"):
                data = data.replace(b"word/document.xml", b"word/main.xml")
            elif name == "word/_rels/document.xml.rels":
                name = "word/_rels/main.xml.rels"
            z.writestr(zipfile.ZipInfo(name, DATE), data)


def main():
    renamed_main_part()
    pdfs()
    ofd()
    pictures()
    legacy_office()


if __name__ == "__main__":
    main()
