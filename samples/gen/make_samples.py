#!/usr/bin/env python3
"""Generates the bundled sample dossiers (samples/intake/) and their expected outcomes
(samples/expected.json).

    python3 samples/gen/make_samples.py            # rewrite samples/intake, later and expected.json
    python3 samples/gen/make_samples.py --check    # regenerate into a temp dir, compare bytes

Everything is synthetic: fictional institutions in real Jilin cities, fictional people, USCCs
with correct (or, where a sample says so, deliberately wrong) GB 32100 check digits, resident
ID numbers with correct check digits and fictional birth dates. Output is deterministic: fixed
content, zip entries dated 1980-01-01, no timestamps, so re-running gives identical bytes.

The application forms are written by samples/gen/form_writer.py (owned by ingest).

Expected outcomes are written by hand in the SAMPLES table below (not computed from the
checklist), so the end-to-end test in tests/e2e/samples_test.cc checks the real pipeline
against an independent statement. Scope of `conclusion`: the completeness stage (issue 2):
"complete" when no blocking ingest (ING-*) or completeness (M-*, COMP-*) finding is expected,
else "corrections_needed". Samples R01..R19 exercise the rules stage (issue 3): `exercises`
says in words what each shows, and O(...) pins the outcome of `beian check` at RULES_DATE
(overall conclusion, rule ids that must and must not fire, key report.json values), which
tests/e2e/samples_rules_test.cc checks. Together the samples make every rule id of
checklists/rules.xml and every EXT/ING/COMP id a committed folder can produce fire; the few
that cannot (symlinks, unreadable or special files, non-UTF-8 names, >128 MiB files, COMP-003)
are allowlisted with reasons in that test.
"""

import filecmp
import json
import os
import shutil
import struct
import sys
import tempfile
import zipfile
import zlib
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import form_writer  # noqa: E402  (samples/gen/form_writer.py)
from pdf_objects import pdf_from_objects  # noqa: E402

SAMPLES_DIR = os.path.dirname(HERE)
ROOT_DIR = os.path.dirname(SAMPLES_DIR)
ZIP_DATE = (1980, 1, 1, 0, 0, 0)

# ---------------------------------------------------------------------------------------------
# Identifiers
# ---------------------------------------------------------------------------------------------

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def uscc(first17, corrupt=False):
    """Appends the GB 32100 check character; with corrupt=True a wrong one (for R03)."""
    assert len(first17) == 17 and all(c in USCC_ALPHABET for c in first17), first17
    total = sum(USCC_ALPHABET.index(c) * w for c, w in zip(first17, USCC_WEIGHTS))
    check = (31 - total % 31) % 31
    if corrupt:
        check = (check + 7) % 31
    return first17 + USCC_ALPHABET[check]


def resident_id(first17, corrupt=False):
    """GB 11643 check character (ISO 7064 MOD 11-2); with corrupt=True a wrong one (R11)."""
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    total = sum(int(c) * w for c, w in zip(first17, weights))
    return first17 + "10X98765432"[(total + (3 if corrupt else 0)) % 11]


# ASCII digits and capitals -> their full-width forms (a USCC typed with a Chinese IME, R09).
FULL_WIDTH = {c: c + 0xFEE0 for c in range(ord("0"), ord("9") + 1)}
FULL_WIDTH.update({c: c + 0xFEE0 for c in range(ord("A"), ord("Z") + 1)})


# ---------------------------------------------------------------------------------------------
# Minimal, valid attachments
# ---------------------------------------------------------------------------------------------

def _pdf_text(s):
    return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def pdf_bytes(title, lines, encrypted=False):
    """A one-page PDF 1.4 with a correct xref table. `title` (Chinese) goes to /Info as
    UTF-16BE; page text is ASCII (no font embedding needed). encrypted=True adds a Standard
    security handler dictionary, so readers ask for a password."""
    content = "BT /F1 12 Tf 72 770 Td 16 TL\n"
    for line in lines:
        content += "(%s) Tj T*\n" % _pdf_text(line)
    content += "ET\n"
    content_b = content.encode("ascii")
    title_hex = "FEFF" + title.encode("utf-16-be").hex().upper()
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(content_b) + content_b + b"endstream",
        ("<< /Title <%s> /Producer (beian samples/gen/make_samples.py) >>" % title_hex)
        .encode("ascii"),
    ]
    if encrypted:
        objs.append(b"<< /Filter /Standard /V 1 /R 2 /Length 40 /P -44 "
                    b"/O <" + b"7A" * 32 + b"> /U <" + b"3C" * 32 + b"> >>")
    extra = b""
    if encrypted:
        extra = (b" /Encrypt 7 0 R /ID [<0123456789ABCDEF0123456789ABCDEF>"
                 b" <0123456789ABCDEF0123456789ABCDEF>]")
    return pdf_from_objects(
        objs, lambda size: b"<< /Size %d /Root 1 0 R /Info 6 0 R" % size + extra + b" >>",
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")


def truncated_pdf_bytes(title, lines):
    """A PDF cut off after 60% of its bytes (no xref, no %%EOF): a broken upload."""
    full = pdf_bytes(title, lines)
    return full[: len(full) * 6 // 10]


def png_bytes(width=16, height=12, shade=0xC8):
    """A small greyscale PNG (stored zlib stream, so the bytes never depend on zlib's level)."""
    def chunk(tag, data):
        return (struct.pack(">I", len(data)) + tag + data +
                struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF))
    raw = b"".join(b"\x00" + bytes([(shade + x * 3 + y * 5) & 0xFF for x in range(width)])
                   for y in range(height))
    return (b"\x89PNG\r\n\x1a\n" +
            chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)) +
            chunk(b"IDAT", zlib.compress(raw, 0)) + chunk(b"IEND", b""))


def jpeg_bytes():
    """A valid 8x8 baseline greyscale JPEG (one flat block), written marker by marker:
    DQT of ones, SOF0, one-code DC and AC Huffman tables, SOS, 2 bits of entropy data, EOI."""
    dqt = b"\xff\xdb\x00\x43\x00" + b"\x01" * 64
    sof = b"\xff\xc0\x00\x0b\x08\x00\x08\x00\x08\x01\x01\x11\x00"
    bits = b"\x01" + b"\x00" * 15
    dht_dc = b"\xff\xc4\x00\x14\x00" + bits + b"\x00"   # DC: code '0' -> category 0
    dht_ac = b"\xff\xc4\x00\x14\x10" + bits + b"\x00"   # AC: code '0' -> EOB
    sos = b"\xff\xda\x00\x08\x01\x01\x00\x00\x3f\x00"
    app0 = b"\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    return b"\xff\xd8" + app0 + dqt + sof + dht_dc + dht_ac + sos + b"\x3f" + b"\xff\xd9"


# R17: a file name over the 120-character limit of ingest (126 code points, 198 bytes, so it
# still fits the 255-byte limit of common file systems), a RAR archive (not a format beian
# reads: only the signature and a few bytes) and a backup tree 9 folders deep (ingest walks 8).
LONG_NAME = ("机构简介及历年办学成果汇编（2019年至2025年，含获奖证书、媒体报道、合作单位名录）"
             "_final_revised_v3_scan_HP-LaserJet-MFP-M437nda_20250915_0001-0042_merged_final.pdf")
RAR_BYTES = b"Rar!\x1a\x07\x01\x00" + bytes(range(32)) + b"beian sample: not a real archive\n"
# An MP4 file type box and nothing else: a format no checklist accepts (ING-036).
MP4_BYTES = b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2" + b"beian sample: not a video\n"


# Issue 8: files as applicants' devices and office suites make them (minimal but well-formed).
def ofd_bytes(title):
    """An OFD e-document (GB/T 33190): a zip with OFD.xml at the root and Doc_0/."""
    ns = "http://www.ofdspec.org/2016"
    parts = [
        ("OFD.xml", '<?xml version="1.0" encoding="UTF-8"?>\n<ofd:OFD xmlns:ofd="%s" '
                    'Version="1.1" DocType="OFD"><ofd:DocBody><ofd:DocInfo><ofd:Title>%s'
                    '</ofd:Title></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot>'
                    '</ofd:DocBody></ofd:OFD>' % (ns, escape(title))),
        ("Doc_0/Document.xml", '<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Document '
                               'xmlns:ofd="%s"><ofd:CommonData><ofd:MaxUnitID>1</ofd:MaxUnitID>'
                               '</ofd:CommonData></ofd:Document>' % ns),
    ]
    return _zip(parts)


def ole2_bytes(stream_name):
    """A minimal OLE2 compound file (MS-CFB v3) holding one 4 KiB stream, the shape of a
    legacy .doc (WordDocument) or .xls (Workbook)."""
    sector, n = 512, 8
    fat = [0xFFFFFFFD, 0xFFFFFFFE] + [3 + i for i in range(n - 1)] + [0xFFFFFFFE]
    fat += [0xFFFFFFFF] * (sector // 4 - len(fat))
    head = (b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + b"\x00" * 16 +
            struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\x00" * 6 +
            struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, 0xFFFFFFFE, 0, 0xFFFFFFFE, 0) +
            struct.pack("<I", 0) + struct.pack("<I", 0xFFFFFFFF) * 108)

    def entry(name, kind, child, start, size):
        raw = name.encode("utf-16-le") + b"\x00\x00"
        e = raw.ljust(64, b"\x00") + struct.pack("<HBB", len(raw), kind, 1)
        e += struct.pack("<III", 0xFFFFFFFF, 0xFFFFFFFF, child) + b"\x00" * 36
        return (e + struct.pack("<IQ", start, size)).ljust(128, b"\x00")

    directory = (entry("Root Entry", 5, 1, 0xFFFFFFFE, 0) +
                 entry(stream_name, 2, 0xFFFFFFFF, 2, n * sector)).ljust(sector, b"\x00")
    payload = (b"beian sample legacy office stream " * 200)[: n * sector]
    return head + struct.pack("<%dI" % (sector // 4), *fat) + directory + payload


def tiff_bytes():
    """A 2x2 8-bit greyscale baseline TIFF (little-endian)."""
    entries = [(256, 3, 1, 2), (257, 3, 1, 2), (258, 3, 1, 8), (259, 3, 1, 1), (262, 3, 1, 1),
               (273, 4, 1, 8 + 2 + 12 * 9 + 4), (277, 3, 1, 1), (278, 3, 1, 2), (279, 4, 1, 4)]
    ifd = struct.pack("<H", len(entries))
    for tag, typ, count, value in entries:
        ifd += struct.pack("<HHI", tag, typ, count) + (
            struct.pack("<HH", value, 0) if typ == 3 else struct.pack("<I", value))
    return b"II*\x00" + struct.pack("<I", 8) + ifd + struct.pack("<I", 0) + b"\x40\x80\xc0\xff"


def heic_bytes():
    """The leading boxes of a phone's HEIC photo: ftyp (heic, mif1) and a meta box."""
    ftyp = b"ftypheic" + b"\x00\x00\x00\x00" + b"mif1heic"
    hdlr = struct.pack(">I", 33) + b"hdlr" + b"\x00" * 8 + b"pict" + b"\x00" * 13
    meta = b"meta" + b"\x00\x00\x00\x00" + hdlr
    return struct.pack(">I", 4 + len(ftyp)) + ftyp + struct.pack(">I", 4 + len(meta)) + meta


def webp_bytes():
    """A 1x1 lossless WebP (RIFF container, VP8L chunk)."""
    vp8l = b"\x2f\x00\x00\x00\x00\x07\x10\x11\x11\x88\x88\xfe\x07\x00"
    chunk = b"VP8L" + struct.pack("<I", len(vp8l)) + vp8l
    return b"RIFF" + struct.pack("<I", 4 + len(chunk)) + b"WEBP" + chunk


def motion_photo_bytes():
    """A phone "motion photo": the JPEG, then an MP4 after its end marker."""
    mp4 = struct.pack(">I", 24) + b"ftypmp42" + b"\x00\x00\x00\x00mp42isom"
    mp4 += struct.pack(">I", 8 + 6000) + b"mdat" + bytes(range(256)) * 23 + b"\x00" * 112
    return jpeg_bytes() + mp4
DEEP_DIR = "历年备份/2024/第四季度/12月/认定资料/考评/原件/扫描/第一批"


def _zip(parts):
    """Deterministic zip: stored entries, fixed dates and attributes, given order."""
    import io
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:
        for name, data in parts:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_STORED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            z.writestr(info, data if isinstance(data, bytes) else data.encode("utf-8"))
    return buf.getvalue()


_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_DOC_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def docx_bytes(paragraphs):
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    body = "".join('<w:p><w:r><w:t xml:space="preserve">%s</w:t></w:r></w:p>' % escape(p)
                   for p in paragraphs)
    return _zip([
        ("[Content_Types].xml",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
         '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
         'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
         '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
         'officedocument.wordprocessingml.document.main+xml"/></Types>'),
        ("_rels/.rels",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         '<Relationships xmlns="%s"><Relationship Id="rId1" Type="%s/officeDocument" '
         'Target="word/document.xml"/></Relationships>' % (_RELS_NS, _DOC_REL)),
        ("word/document.xml",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         '<w:document xmlns:w="%s"><w:body>%s<w:sectPr/></w:body></w:document>' % (w, body)),
    ])


def _col(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def xlsx_bytes(rows):
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    data = []
    for r, row in enumerate(rows, start=1):
        cells = "".join('<c r="%s%d" t="inlineStr"><is><t>%s</t></is></c>' % (_col(c), r,
                                                                              escape(str(v)))
                        for c, v in enumerate(row))
        data.append('<row r="%d">%s</row>' % (r, cells))
    return _zip([
        ("[Content_Types].xml",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
         '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
         'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
         '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
         'officedocument.spreadsheetml.sheet.main+xml"/>'
         '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
         'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'),
        ("_rels/.rels",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         '<Relationships xmlns="%s"><Relationship Id="rId1" Type="%s/officeDocument" '
         'Target="xl/workbook.xml"/></Relationships>' % (_RELS_NS, _DOC_REL)),
        ("xl/workbook.xml",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         '<workbook xmlns="%s" xmlns:r="%s"><sheets><sheet name="Sheet1" sheetId="1" '
         'r:id="rId1"/></sheets></workbook>' % (main, _DOC_REL)),
        ("xl/_rels/workbook.xml.rels",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         '<Relationships xmlns="%s"><Relationship Id="rId1" Type="%s/worksheet" '
         'Target="worksheets/sheet1.xml"/></Relationships>' % (_RELS_NS, _DOC_REL)),
        ("xl/worksheets/sheet1.xml",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         '<worksheet xmlns="%s"><sheetData>%s</sheetData></worksheet>' % (main, "".join(data))),
    ])


# ---------------------------------------------------------------------------------------------
# Standard attachments per material (ids from checklists/materials.xml)
# ---------------------------------------------------------------------------------------------

STAFF = [("张立新", "专职工作人员", "认定工作部主任"), ("王秀兰", "专职工作人员", "考务管理"),
         ("李春雷", "专家", "高级技师"), ("赵明远", "专家", "高级工程师"),
         ("刘桂芝", "考评人员", "二级/技师"), ("孙建国", "考评人员", "二级/技师"),
         ("周晓燕", "考评人员", "三级/高级工"), ("吴德胜", "质量督导人员", "督导员")]


def staff_rows(role):
    return [["序号", "姓名", "类别", "职称/等级"]] + [
        [str(i + 1), n, r, q] for i, (n, r, q) in enumerate(p for p in STAFF if p[1] == role)]


def material_files(mid, d):
    """[(relative path, bytes)] for material `mid` of dossier `d`, names in Chinese."""
    org = d["fields"]["institution_name"]
    tag = d["name"].split("-")[0]

    def pdf(title):
        # M-COM-14/15 were split off M-COM-12 (Art. 6 (5)); their files keep the tag they
        # were written with, so the committed bytes did not change with the split.
        shown = "M-COM-12" if mid in ("M-COM-14", "M-COM-15") else mid
        return pdf_bytes(title, ["beian sample dossier %s" % tag, "material %s" % shown,
                                 "synthetic content, not a real document"])

    kind = d["kind"]
    is_company = d["fields"]["unified_credit_code"].startswith("9")
    if mid == "M-COM-01":
        name = {"initial": "申请报告", "add_occupation": "增加职业（工种）申请报告",
                "renewal": "续期备案申请报告"}[kind]
        return [(name + ".pdf", pdf(name))]
    if mid == "M-COM-03":
        if is_company:
            return [("营业执照（副本）.jpg", jpeg_bytes())]
        return [("法人登记证书.pdf", pdf("法人登记证书"))]
    if mid == "M-COM-04":
        return [("法定代表人身份证明.pdf", pdf("法定代表人身份证明"))]
    if mid == "M-COM-05":
        return [("无违法违规失信记录承诺书.pdf", pdf("无违法违规失信记录承诺书"))]
    if mid == "M-COM-06":
        return [("收费标准.pdf", pdf("收费标准")), ("收费标准公示截图.png", png_bytes())]
    if mid == "M-COM-07":
        return [("人员名单/认定工作部门设置.docx",
                 docx_bytes(["%s职业技能等级认定工作部" % org, "部门职责：组织实施职业技能等级认定。"])),
                ("人员名单/专职工作人员名单.xlsx", xlsx_bytes(staff_rows("专职工作人员"))),
                ("人员名单/专家名单.xlsx", xlsx_bytes(staff_rows("专家"))),
                ("人员名单/考评人员名单.xlsx", xlsx_bytes(staff_rows("考评人员"))),
                ("人员名单/质量督导人员名单.xlsx", xlsx_bytes(staff_rows("质量督导人员")))]
    if mid == "M-COM-08":
        return [("场地设备清单.xlsx", xlsx_bytes([["序号", "名称", "数量", "位置"],
                                                ["1", "理论考试机房（40座）", "1", "教学楼3层"],
                                                ["2", "实操考核工位", "20", "实训楼1层"]]))]
    if mid == "M-COM-09":
        return [("题库情况说明.docx", docx_bytes(["题库情况说明", "理论知识试题与操作技能试题均按国家职业技能标准编制。"]))]
    if mid == "M-COM-10":
        return [("视频监控设施情况.pdf", pdf("视频监控设施情况"))]
    if mid == "M-COM-11":
        return [("消防验收意见书.pdf", pdf("消防验收意见书")),
                ("安全检查合格证明.pdf", pdf("安全检查合格证明"))]
    # Art. 6 (5) names three documents, three materials (M-COM-12, -14, -15).
    if mid == "M-COM-12":
        return [("管理制度/管理运行制度.pdf", pdf("管理运行制度"))]
    if mid == "M-COM-14":
        return [("管理制度/人员管理制度.pdf", pdf("人员管理制度"))]
    if mid == "M-COM-15":
        return [("管理制度/突发事件应急预案.pdf", pdf("突发事件应急预案"))]
    if mid == "M-COM-13":
        return [("原备案通知.pdf", pdf("原备案通知"))]
    if mid == "M-EMP-01":
        return [("技能人才培养评价使用激励机制.pdf", pdf("技能人才培养评价使用激励机制"))]
    if mid == "M-EMP-02":
        return [("下属子公司名单.xlsx", xlsx_bytes([["序号", "子公司名称", "持股比例"]] +
                                              [[str(i + 1), n, p] for i, (n, p) in
                                               enumerate(d["subsidiaries"])]))]
    if mid == "M-REN-01":
        return [("工作开展情况报告.pdf", pdf("工作开展情况报告"))]
    if mid == "M-CHG-01":
        return [("变更申请.pdf", pdf("变更申请"))]
    if mid == "M-CHG-02":
        return [("法定代表人变更登记通知书.pdf", pdf("法定代表人变更登记通知书")),
                ("新任法定代表人身份证明.pdf", pdf("新任法定代表人身份证明"))]
    if mid == "M-TRM-01":
        return [("终止备案申请书.pdf", pdf("终止备案申请书"))]
    if mid == "M-TRM-02":
        issued = d.get("certificates") or [["汽车维修工", "126", "126"]]
        return [("证书数据处理情况.xlsx", xlsx_bytes([["职业（工种）", "已发证书数", "已上传"]] +
                                               issued))]
    if mid == "M-TRM-03":
        return [("认定档案保管方案.docx", docx_bytes(["认定档案保管方案", "纸质档案移交本单位档案室保管。"]))]
    if mid == "M-TRM-04":
        return [("退费情况说明.pdf", pdf("退费情况说明"))]
    raise ValueError(mid)


# Materials a complete dossier carries (the form, M-COM-02, is written separately). Mirrors the
# required items of checklists/materials.xml; written out here on purpose (independent check).
COMPLETE = {
    ("initial", "social_org"): ["M-COM-01", "M-COM-03", "M-COM-04", "M-COM-05", "M-COM-06",
                                "M-COM-07", "M-COM-08", "M-COM-09", "M-COM-10", "M-COM-11",
                                "M-COM-12", "M-COM-14", "M-COM-15"],
    ("add_occupation", "social_org"): ["M-COM-01", "M-COM-03", "M-COM-13", "M-COM-06",
                                       "M-COM-07", "M-COM-08", "M-COM-09", "M-COM-10",
                                       "M-COM-11"],
    ("change", "social_org"): ["M-CHG-01", "M-CHG-02", "M-COM-03", "M-COM-13"],
    ("renewal", "social_org"): ["M-COM-01", "M-REN-01", "M-COM-13", "M-COM-03", "M-COM-05",
                                "M-COM-06", "M-COM-07", "M-COM-08", "M-COM-11"],
    ("termination", "social_org"): ["M-TRM-01", "M-TRM-02", "M-TRM-03", "M-TRM-04"],
}
for (_k, _t), _ids in list(COMPLETE.items()):
    extra = {"initial": ["M-EMP-01"], "renewal": ["M-EMP-01"]}.get(_k, [])
    COMPLETE[(_k, "employer")] = _ids + extra

KIND_ZH = {"initial": "首次申请", "add_occupation": "增加职业（工种）", "change": "变更",
           "renewal": "续期", "termination": "终止"}
TYPE_ZH = {"employer": "用人单位", "social_org": "社会培训评价组织"}

# ---------------------------------------------------------------------------------------------
# The samples
# ---------------------------------------------------------------------------------------------


def fields(name, code, rep, rep_id, address, region, kind, type_, business, date,
           contact, phone, affiliation="市（州）属及以下", subsidiaries="无", **more):
    f = {
        "institution_name": name, "unified_credit_code": code, "legal_representative": rep,
        "legal_representative_id": rep_id, "applicant_type": TYPE_ZH[type_],
        "registered_address": address, "affiliation": affiliation, "region": region,
        "application_kind": KIND_ZH[kind], "application_date": date, "contact_person": contact,
        "contact_phone": phone, "main_business": business,
        "fee_publication": "已在本机构官网及公示栏公开发布",
        "fulltime_staff_count": "6", "expert_count": "5", "assessor_count": "12",
        "supervisor_count": "2", "exam_sites": address, "video_surveillance": "有（全程录像，保存不少于1年）",
        "question_bank": "有", "safety_fire": "已通过消防验收，配备灭火器材和应急通道",
        "subsidiaries": subsidiaries,
    }
    if type_ == "employer":
        f["incentive_mechanism"] = "已建立技能人才培养、评价、使用、激励机制"
        f["pay_linkage"] = "认定结果与岗位工资、技能津贴挂钩"
    f.update(more)
    return f


def sample(name, kind, type_, fields_, occupations, expect, changes=(), form="申请表.docx",
           drop=(), add=(), replace=None, subsidiaries=(), exercises=None, extra_files=(),
           outcome=None, form_options=None, form_bytes=None, files=None):
    """files: [(path, bytes)] written instead of the materials of COMPLETE (issue 8 samples,
    whose attachments are named and made the way applicants make them)."""
    assert outcome is not None, name + ": every sample pins its outcome (O(...))"
    return {"name": name, "kind": kind, "type": type_, "fields": fields_,
            "occupations": list(occupations), "changes": list(changes), "form": form,
            "drop": list(drop), "add": list(add), "replace": dict(replace or {}),
            "subsidiaries": list(subsidiaries), "expect": expect, "exercises": exercises,
            "extra_files": list(extra_files), "outcome": outcome,
            "form_options": dict(form_options or {}), "form_bytes": form_bytes,
            "files": None if files is None else list(files)}


def E(conclusion, missing=(), unreadable=(), unmatched=(), kind=None, type_=None, note=""):
    return {"conclusion": conclusion, "missing": None if missing is None else sorted(missing),
            "unreadable": None if unreadable is None else sorted(unreadable),
            "unmatched": None if unmatched is None else sorted(unmatched),
            "kind": kind, "type": type_, "note": note}


# The fixed --date of the rules-stage expectations (tests/e2e/samples_rules_test.cc).
RULES_DATE = "2026-11-25"


def broken_zip_bytes(entry, content):
    """A zip cut off in transit: the local header of `entry` (UTF-8 flag, deflated) and the
    first half of its data; no central directory, so no reader can list it."""
    name = entry.encode("utf-8")
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    data = packer.compress(content) + packer.flush()
    header = struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", 20, 0x0800, 8, 0, 0,
                         zlib.crc32(content), len(data), len(content), len(name), 0)
    return header + name + data[:len(data) // 2]


def O(overall, rules, fields=None, authority=None, absent=()):
    """Expected outcome of `beian check DOSSIER --json --date RULES_DATE [--authority A]`:
    overall = report.json `conclusion`; rules = rule ids that must appear among `findings`
    (not all of them: rules the sample is about); absent = rule ids that must not appear;
    fields = {dotted path in report.json: value}, e.g. {"jurisdiction.code": "220100",
    "occupations.0.status": "ok"}. Written by hand, never copied from a run."""
    assert overall in ("pass", "corrections_needed", "not_eligible", "review_needed",
                       "referred"), overall
    return {"overall_conclusion": overall, "rules": sorted(set(rules)),
            "absent_rules": sorted(set(absent)), "report_fields": dict(fields or {}),
            "authority": authority}


# The institution whose first filing sample S01 files: its later dossiers (samples/later/) change,
# renew and end that filing.
DINGXIN_OCCUPATIONS = [("4-03-02-01", "中式烹调师", "五级/初级工、四级/中级工、三级/高级工"),
                       ("4-03-02-02", "中式面点师", "五级/初级工、四级/中级工"),
                       ("4-10-01-03", "保育师", "五级/初级工、四级/中级工、三级/高级工")]


def dingxin_fields(kind, date, rep="陈志刚", rep_id=resident_id("22010219750312201"), **more):
    return fields("长春市鼎新职业技能培训学校", uscc("52220102MJ0A1B2C3"), rep, rep_id,
                  "吉林省长春市南关区人民大街5688号", "长春市", kind, "social_org",
                  "餐饮服务、保育类职业技能培训", date, "刘晓敏", "0431-85671234", **more)


def dingxin_later_fields(kind, date, **more):
    """S01's institution after its change (L2-L4): 王淑芬 as 法定代表人 and contact, the filing's
    number quoted."""
    return dingxin_fields(kind, date, rep="王淑芬", rep_id=resident_id("22010219790623202"),
                          filing_number=DINGXIN_FILING_NUMBER, contact_person="王淑芬", **more)


def tongda_fields(date):
    """R06's institution (and L1, its corrected dossier)."""
    return fields("长春市通达物流有限公司", uscc("91220106MA17C4D8E"), "鲍春生",
                  resident_id("22010619720903131"), "吉林省长春市绿园区西新经济技术开发区物流大道88号",
                  "长春市", "initial", "employer", "道路货物运输、仓储服务、装卸搬运", date, "韦海燕",
                  "0431-87665320", assessor_count="18")


def build_samples():
    S = []
    # --- Issue 2: completeness ----------------------------------------------------------------
    S.append(sample(
        "S01-长春鼎新职业技能培训学校-首次申请", "initial", "social_org",
        dingxin_fields("initial", "2025年9月15日"),
        DINGXIN_OCCUPATIONS,
        E("complete", unmatched=["机构宣传册.pdf"],
          note="complete first application, social training organisation; one extra file "
               "(宣传册) that no material claims"),
        extra_files=[("机构宣传册.pdf", pdf_bytes("机构宣传册", ["brochure"]))],
        # Issue 7: a clean first filing whose 主营业务 names 餐饮 and 保育 passes; the credit
        # query, 不以营利为目的 and the staff's adequacy are pending checks, not findings.
        outcome=O("pass", [],
                  absent=["C61-03", "C64-01", "C62-01", "C63-01", "C65-01", "JUR-003"],
                  fields={"institution.uscc": "52220102MJ0A1B2C32", "jurisdiction.code": "220100",
                          "completeness": "complete", "occupations.0.status": "ok",
                          "occupations.1.status": "ok", "occupations.2.status": "ok",
                          "occupations.0.excluded": False,
                          "pending_checks.0.id": "PC-CREDIT",
                          "pending_checks.1.id": "PC-NONPROFIT",
                          "conditions.0.state": "pending", "conditions.1.state": "pending",
                          "conditions.3.state": "met"})))
    S.append(sample(
        "S02-吉林市松江化工装备有限公司-首次申请", "initial", "employer",
        fields("吉林市松江化工装备有限公司", uscc("91220202MA17Q3K8X"), "何振华",
               resident_id("22020219680921301"), "吉林省吉林市昌邑区松江东路1288号", "吉林市",
               "initial", "employer", "化工装备制造、安装及维修", "2025年10月9日", "马丽娟",
               "13904321567",
               subsidiaries="吉林市松江压力容器检测有限公司（全资）；吉林市江城焊接工程有限公司（控股）"),
        [("6-31-01-03", "电工", "四级/中级工、三级/高级工、二级/技师"),
         ("6-18-02-04", "焊工", "四级/中级工、三级/高级工"),
         ("6-31-03-01", "化学检验员", "四级/中级工、三级/高级工")],
        E("complete", note="complete first application of an employer certifying its "
                           "subsidiaries' staff: 子公司名单 (M-EMP-02) becomes required and is "
                           "present; Chinese sub-folders 人员名单/ and 管理制度/"),
        add=["M-EMP-02"],
        subsidiaries=[("吉林市松江压力容器检测有限公司", "100%"),
                      ("吉林市江城焊接工程有限公司", "65%")],
        # 主营业务 化工装备制造、安装及维修 names nothing of 电工: C64-01 stays a review item.
        outcome=O("review_needed", ["C64-01"], absent=["C61-03", "C66-01", "C66-03", "M-EMP-02"],
                  fields={"institution.uscc": "91220202MA17Q3K8X9", "jurisdiction.code": "220200",
                          "application.applicant_type": "employer",
                          "occupations.0.status": "ok", "occupations.1.status": "ok",
                          "occupations.2.status": "ok"})))
    S.append(sample(
        "S03-四平市安居职业培训学校-增加职业", "add_occupation", "social_org",
        fields("四平市安居职业培训学校", uscc("52220302MJ1C5D7E9"), "郭宝林",
               resident_id("22030219720605151"), "吉林省四平市铁西区英雄大街396号", "四平市",
               "add_occupation", "social_org", "建筑类职业技能培训", "2025年8月28日",
               "韩雪", "0434-3265478", filing_number="吉人社认备〔2024〕017号",
               filing_valid_until="2027年6月30日"),
        [("6-29-01-01", "砌筑工", "五级/初级工、四级/中级工、三级/高级工")],
        E("complete", note="added occupation (砌筑工) of a filed social training organisation; "
                           "also carries the optional Art. 6 (1)/(5) documents"),
        add=["M-COM-04", "M-COM-05", "M-COM-12", "M-COM-14", "M-COM-15"],
        outcome=O("pass", [], absent=["C61-03", "C64-01"],
                  fields={"institution.uscc": "52220302MJ1C5D7E96", "jurisdiction.code": "220300",
                          "application.kind": "add_occupation", "occupations.0.status": "ok"})))
    S.append(sample(
        "S04-延边长白家政职业技能培训中心-续期", "renewal", "social_org",
        fields("延边长白家政职业技能培训中心", uscc("52222401MJ2F8G4H6"), "金永哲",
               resident_id("22240119700817251"), "吉林省延边朝鲜族自治州延吉市光明街1066号",
               "延边朝鲜族自治州", "renewal", "social_org", "家政服务、养老护理职业技能培训",
               "2025年11月20日", "朴美玉", "0433-2518866",
               filing_number="吉人社认备〔2023〕052号", filing_valid_until="2026年3月31日"),
        [("4-10-01-06", "家政服务员", "五级/初级工、四级/中级工、三级/高级工"),
         ("4-10-01-05", "养老护理员", "五级/初级工、四级/中级工")],
        E("complete", note="renewal filed more than three months before expiry (Art. 9); also "
                           "carries the optional question-bank, video and rules documents"),
        add=["M-COM-09", "M-COM-10", "M-COM-12", "M-COM-14", "M-COM-15"],
        outcome=O("pass", [],
                  absent=["A9-01", "A9-02", "A9-03", "A9-04", "C61-03", "C64-01"],
                  fields={"institution.uscc": "52222401MJ2F8G4H69", "jurisdiction.code": "222400",
                          "institution.filing_valid_until": "2026-03-31",
                          "occupations.0.status": "ok", "occupations.1.status": "ok"})))
    S.append(sample(
        "S05-梅河口市康宁养老服务培训学校-变更", "change", "social_org",
        fields("梅河口市康宁养老服务培训学校", uscc("52220581MJ3K6L2M8"), "宋丽华",
               resident_id("22058119800214282"), "吉林省梅河口市新华街道解放大街218号",
               "梅河口市", "change", "social_org", "养老护理、健康照护职业技能培训",
               "2025年9月3日", "宋丽华", "13843561290",
               filing_number="吉人社认备〔2024〕088号", filing_valid_until="2027年8月31日",
               change_items="法定代表人"),
        [("4-10-01-05", "养老护理员", "五级/初级工、四级/中级工、三级/高级工"),
         ("4-14-01-03", "健康照护师", "五级/初级工、四级/中级工")],
        E("complete", note="change of legal representative (Art. 8) with proof; 梅河口市 files "
                           "directly"),
        changes=[("法定代表人", "徐长海", "宋丽华")],
        # A change is judged on its own materials: no fee or staff documents, so Art. 6 (2)
        # and (3) are not_applicable, not 符合.
        outcome=O("pass", [], absent=["A8-01", "A8-02", "A8-03", "A8-04", "C61-03"],
                  fields={"institution.uscc": "52220581MJ3K6L2M8E", "jurisdiction.code": "220581",
                          "application.kind": "change",
                          "conditions.1.state": "not_applicable",
                          "conditions.2.state": "not_applicable"})))
    S.append(sample(
        "S06-通化市鑫源汽车维修有限公司-终止", "termination", "employer",
        fields("通化市鑫源汽车维修有限公司", uscc("91220502MA14R7T2P"), "高树森",
               resident_id("22050219660130111"), "吉林省通化市东昌区龙泉路77号", "通化市",
               "termination", "employer", "机动车维修", "2025年10月30日", "田野", "0435-3659921",
               filing_number="吉人社认备〔2023〕031号", filing_valid_until="2026年5月31日",
               termination_reason="企业业务调整，主动申请终止备案"),
        [("4-12-01-01", "汽车维修工", "四级/中级工、三级/高级工")],
        E("complete", note="voluntary termination (Art. 10, 12, 13) with the wind-up documents"),
        outcome=O("pass", [], absent=["C61-03", "C64-01"],
                  fields={"institution.uscc": "91220502MA14R7T2PL", "jurisdiction.code": "220500",
                          "application.kind": "termination", "completeness": "complete"})))
    S.append(sample(
        "S07-白城市瑞丰农业科技有限公司-缺件", "initial", "employer",
        fields("白城市瑞丰农业科技有限公司", uscc("91220802MA15W3X9N"), "庞玉山",
               resident_id("22080219730502171"), "吉林省白城市洮北区海明西路301号", "白城市",
               "initial", "employer", "农作物种植技术服务、农业技术推广", "2025年9月22日",
               "曲丹", "0436-3228107"),
        [("5-01-02-01", "农艺工", "五级/初级工、四级/中级工、三级/高级工")],
        E("corrections_needed", missing=["M-COM-09", "M-COM-10", "M-EMP-01"],
          note="question bank, video surveillance and incentive mechanism documents missing"),
        drop=["M-COM-09", "M-COM-10", "M-EMP-01"],
        outcome=O("corrections_needed", ["M-COM-09", "M-COM-10", "M-EMP-01", "C64-03", "C64-04",
                                         "C66-01"],
                  fields={"institution.uscc": "91220802MA15W3X9N6", "jurisdiction.code": "220800",
                          "completeness": "corrections_needed"})))
    S.append(sample(
        "S08-辽源市巧手美容职业培训学校-附件无法读取", "initial", "social_org",
        fields("辽源市巧手美容职业培训学校", uscc("52220402MJ4N7P3Q1"), "邵春艳",
               resident_id("22040219820909262"), "吉林省辽源市龙山区东吉大路156号", "辽源市",
               "initial", "social_org", "美容、美发职业技能培训", "2025年10月16日", "邵春艳",
               "15981296630"),
        [("4-10-03-01", "美容师", "五级/初级工、四级/中级工、三级/高级工")],
        E("corrections_needed", unreadable=["M-COM-10"],
          note="收费标准.pdf needs a user password (/Encrypt that the empty password does not "
               "open) beside a readable 收费标准公示截图.png, so 收费标准 is present with a review "
               "note (issue 8); 视频监控设施情况.pdf is truncated"),
        replace={
            "收费标准.pdf": pdf_bytes("收费标准", ["fee standard"], encrypted=True),
            "视频监控设施情况.pdf": truncated_pdf_bytes("视频监控设施情况", ["video"] * 3),
        },
        outcome=O("corrections_needed", ["ING-032", "ING-034", "M-COM-06", "M-COM-10", "C64-04"],
                  absent=["C62-01"],
                  fields={"institution.uscc": "52220402MJ4N7P3Q1A", "jurisdiction.code": "220400",
                          "completeness": "corrections_needed"})))
    S.append(sample(
        "S09-松原市宏达物流有限公司-XML申请表", "initial", "employer",
        fields("松原市宏达物流有限公司", uscc("91220702MA16Y5A4B"), "冯立军",
               resident_id("22070219770725131"), "吉林省松原市宁江区沿江东路2099号", "松原市",
               "initial", "employer", "普通货物仓储、道路货物运输、供应链管理", "2025年9月8日",
               "赵颖", "0438-6128890"),
        [("4-02-06-01", "仓储管理员", "五级/初级工、四级/中级工、三级/高级工"),
         ("4-02-06-03", "物流服务师", "四级/中级工、三级/高级工")],
        E("complete", note="the form is 申请表.xml exported from an online system"),
        form="申请表.xml",
        outcome=O("pass", [], absent=["C61-03", "C64-01"],
                  fields={"institution.uscc": "91220702MA16Y5A4BE", "jurisdiction.code": "220700",
                          "occupations.0.status": "ok", "occupations.1.status": "ok"})))
    S.append(sample(
        "S10-白山市长白山人参职业技能培训学校-增加职业", "add_occupation", "social_org",
        fields("白山市长白山人参职业技能培训学校", uscc("52220602MJ5R2T6U3"), "曹德利",
               resident_id("22060219690411191"), "吉林省白山市浑江区浑江大街138号", "白山市",
               "add_occupation", "social_org", "中药材种植与加工职业技能培训", "2025年10月21日",
               "孟凡", "0439-3271508", filing_number="吉人社认备〔2024〕066号",
               filing_valid_until="2027年9月30日"),
        [("6-12-02-00", "中药炮制工", "五级/初级工、四级/中级工")],
        E("complete", missing=[],
          note="form named 备案申请表.docx; file names numbered 01-… like many real uploads; "
               "only the materials the add_occupation checklist requires (no M-COM-04/05/12)"),
        form="备案申请表.docx",
        outcome=O("pass", [], absent=["C61-03", "C64-01"],
                  fields={"institution.uscc": "52220602MJ5R2T6U3U", "jurisdiction.code": "220600",
                          "occupations.0.status": "ok"})))

    # --- Bad intake entries -------------------------------------------------------------------
    S.append(sample(
        "B03-长春市启航职业技能培训学校-缺少申请表", "initial", "social_org",
        fields("长春市启航职业技能培训学校", uscc("52220104MJ6W3X7Y2"), "苏德明",
               resident_id("22010419790128211"), "吉林省长春市朝阳区西安大路1520号", "长春市",
               "initial", "social_org", "计算机操作职业技能培训", "2025年9月1日", "苏德明",
               "13604312255"),
        [("4-01-06-01", "电子商务师", "四级/中级工")],
        E("corrections_needed", missing=["M-COM-02"], kind="unknown", type_="unknown",
          note="no application form: ING-010; kind and type unknown, checked as initial/"
               "social_org (COMP-001, COMP-002)"),
        form=None,
        outcome=O("corrections_needed", ["ING-010", "COMP-001", "COMP-002", "M-COM-02"],
                  absent=["EXT-001", "OCC-001", "JUR-001", "JUR-005"],
                  fields={"application.kind": "unknown", "completeness": "corrections_needed"})))
    S.append(sample(
        "B04-吉林市北山茶艺职业培训学校-两份申请表", "initial", "social_org",
        fields("吉林市北山茶艺职业培训学校", uscc("52220204MJ7A4B8C5"), "林婉清",
               resident_id("22020419850316242"), "吉林省吉林市船营区北山路18号", "吉林市",
               "initial", "social_org", "茶艺、插花职业技能培训", "2025年10月12日", "林婉清",
               "13756230418"),
        [("4-03-02-07", "茶艺师", "五级/初级工、四级/中级工、三级/高级工"),
         ("4-09-10-05", "插花花艺师", "五级/初级工、四级/中级工")],
        E("corrections_needed", note="申请表.docx and 申请表.xml both present: ING-011"),
        form="申请表.docx", extra_files=[("申请表.xml", "FORM-XML")],
        outcome=O("corrections_needed", ["ING-011"],
                  fields={"institution.uscc": "52220204MJ7A4B8C5Y", "jurisdiction.code": "220200"})))
    S.append(sample(
        "B05-四平市红嘴电工职业培训学校-docx不是压缩包", "initial", "social_org",
        fields("四平市红嘴电工职业培训学校", uscc("52220303MJ8D5E9F4"), "隋海峰",
               resident_id("22030319760722131"), "吉林省四平市铁东区北沟路45号", "四平市",
               "initial", "social_org", "电工职业技能培训", "2025年9月26日", "隋海峰",
               "13944487523"),
        [("6-31-01-03", "电工", "五级/初级工、四级/中级工")],
        E("corrections_needed", unreadable=["M-COM-09"],
          note="题库情况说明.docx is plain text renamed to .docx (not a zip)"),
        replace={"题库情况说明.docx": "题库情况说明（纯文本，另存为时误改扩展名）\n".encode("utf-8")},
        outcome=O("corrections_needed", ["ING-031", "M-COM-09", "C64-03"],
                  fields={"institution.uscc": "52220303MJ8D5E9F4N", "jurisdiction.code": "220300"})))
    S.append(sample(
        "B06-延吉市焊工之家职业技能培训学校-零字节文件", "initial", "social_org",
        fields("延吉市焊工之家职业技能培训学校", uscc("52222401MJ9G6H2J7"), "崔成浩",
               resident_id("22240119810603151"), "吉林省延边朝鲜族自治州延吉市长白路602号",
               "延边朝鲜族自治州", "initial", "social_org", "焊接职业技能培训", "2025年10月2日",
               "崔成浩", "0433-2917730"),
        [("6-18-02-04", "焊工", "五级/初级工、四级/中级工、三级/高级工")],
        E("complete",
          note="消防验收意见书.pdf is 0 bytes beside a sound 安全检查合格证明.pdf: the material "
               "is present and the empty copy is a review note, not a demand (issue 8)"),
        replace={"消防验收意见书.pdf": b""},
        outcome=O("review_needed", ["ING-030", "M-COM-11"], absent=["C64-05"],
                  fields={"institution.uscc": "52222401MJ9G6H2J7P", "jurisdiction.code": "222400"})))

    # --- Issue 3: rules (materials complete; the form carries the problem) --------------------
    S.append(sample(
        "R01-长春心语职业技能培训学校-职业属第二大类", "initial", "social_org",
        fields("长春市心语职业技能培训学校", uscc("52220105MK0L7M3N8"), "邱静",
               resident_id("22010519830419262"), "吉林省长春市二道区东盛大街2266号", "长春市",
               "initial", "social_org", "心理健康服务技能培训", "2025年9月18日", "邱静",
               "13578906612"),
        [("2-07-11-03", "心理咨询师", "三级/高级工"),
         ("4-10-01-03", "保育师", "五级/初级工、四级/中级工")],
        E("complete", note="materials complete"),
        exercises="Art. 6: 2-07-11-03 心理咨询师 is in major group 2 (专业技术人员), not 3-6: "
                  "that occupation is excluded and the case goes on for 保育师, whose relation "
                  "to 心理健康服务 a person judges (C64-01)",
        outcome=O("review_needed", ["OCC-004", "C64-01"],
                  fields={"institution.uscc": "52220105MK0L7M3N8F", "jurisdiction.code": "220100",
                          "occupations.0.status": "ineligible_group",
                          "occupations.0.major_group": 2, "occupations.1.status": "ok",
                          "occupations.0.excluded": True,
                          "occupations.0.exclusion_reason_id": "exclusion.ineligible_group",
                          "occupations.1.excluded": False})))
    S.append(sample(
        "R02-吉林市江城烹饪职业培训学校-职业名称近似", "initial", "social_org",
        fields("吉林市江城烹饪职业培训学校", uscc("52220203MK1P8Q4R9"), "侯德旺",
               resident_id("22020319710828171"), "吉林省吉林市龙潭区遵义东路98号", "吉林市",
               "initial", "social_org", "餐饮烹饪职业技能培训", "2025年10月27日", "侯德旺",
               "0432-62035518"),
        [("4-03-02-01", "中式烹饪师", "五级/初级工、四级/中级工、三级/高级工")],
        E("complete", note="materials complete"),
        exercises="occupation name 中式烹饪师 is a near miss of 4-03-02-01 中式烹调师: review, "
                  "suggest the catalogue name",
        outcome=O("review_needed", ["OCC-009"], absent=["OCC-003"],
                  fields={"institution.uscc": "52220203MK1P8Q4R9Y", "jurisdiction.code": "220200",
                          "occupations.0.status": "name_mismatch",
                          "occupations.0.catalogue_name": "中式烹调师"})))
    S.append(sample(
        "R03-四平市金穗农机职业培训学校-信用代码校验位错误", "initial", "social_org",
        fields("四平市金穗农机职业培训学校", uscc("52220322MK2T9U5W1", corrupt=True), "闫福来",
               resident_id("22032219670314191"), "吉林省四平市梨树县梨树镇霍家店路12号", "四平市",
               "initial", "social_org", "农业机械操作与维修职业技能培训", "2025年9月29日",
               "闫福来", "13894456021"),
        [("5-01-02-01", "农艺工", "五级/初级工、四级/中级工")],
        E("complete", note="materials complete"),
        exercises="unified_credit_code has a wrong GB 32100 check digit (EXT-011, review)",
        outcome=O("review_needed", ["EXT-011", "C61-01"], absent=["EXT-010"],
                  fields={"institution.uscc": "52220322MK2T9U5W17",
                          "institution.uscc_check": "bad_checksum", "jurisdiction.code": "220300"})))
    S.append(sample(
        "R04-长春市蓝天电梯职业培训学校-续期申请逾期", "renewal", "social_org",
        fields("长春市蓝天电梯职业培训学校", uscc("52220106MK3X1Y6A2"), "彭国庆",
               resident_id("22010619740519151"), "吉林省长春市绿园区青年路3399号", "长春市",
               "renewal", "social_org", "电梯安装维修职业技能培训", "2025年12月20日", "彭国庆",
               "0431-87912034", filing_number="吉人社认备〔2023〕009号",
               filing_valid_until="2026年1月"),
        [("6-29-03-03", "电梯安装维修工", "五级/初级工、四级/中级工、三级/高级工")],
        E("complete", note="materials complete"),
        exercises="Art. 9: renewal must be filed at least three months before expiry "
                  "(2026-01-31 -> by 2025-10-31); filed 2025-12-20: too late; 备案有效期至 is "
                  "written as the month only (2026年1月), read as its last day (EXT-006)",
        outcome=O("review_needed", ["A9-03", "EXT-006"], absent=["A9-01", "A9-02", "A9-04"],
                  fields={"institution.uscc": "52220106MK3X1Y6A2C", "jurisdiction.code": "220100",
                          "institution.filing_valid_until": "2026-01-31"})))
    S.append(sample(
        "R05-吉林省现代职业技能评价中心-省属机构", "initial", "social_org",
        fields("吉林省现代职业技能评价中心", uscc("12220000MB0C2D7E4"), "吕振东",
               resident_id("22010319650211131"), "吉林省长春市朝阳区人民大街3366号", "长春市",
               "initial", "social_org", "职业技能培训与评价服务", "2025年10月10日", "吕振东",
               "0431-88906677", affiliation="省属"),
        [("4-07-03-04", "企业人力资源管理师", "四级/中级工、三级/高级工、二级/技师")],
        E("complete", note="materials complete"),
        exercises="Art. 4: 省属 institutions file with 吉林省人力资源和社会保障厅, not the city: "
                  "wrong authority for a city intake",
        outcome=O("referred", ["JUR-003"], authority="220100",
                  fields={"institution.uscc": "12220000MB0C2D7E4J", "jurisdiction.code": "220000",
                          "jurisdiction.basis": "affiliation"})))

    # --- Issue 3, end-to-end rule coverage (one dossier exercises several rules) -------------
    S.append(sample(
        "R06-长春市通达物流有限公司-职业表多处错误", "initial", "employer",
        tongda_fields("2025年10月22日"),
        [("4-02-06-01", "仓储管理员", "五级/初级工、四级/中级工"),
         ("4-02-02-04", "道路货运业务员", "四级/中级工"),
         ("4-02-06-09", "装卸搬运工", "五级/初级工"),
         ("4-02-06-03", "供应链管理师", "中级工以上"),
         ("4-02-06-04", "冷藏工", "特级"),
         ("4-02-06-01", "仓储管理员", "三级/高级工")],
        E("complete", note="materials complete"),
        exercises="occupation table: 道路货运业务员 has no national standard (OCC-005); "
                  "4-02-06-09 does not exist, 装卸搬运工 is 4-02-05-01 (OCC-002); 供应链管理师 "
                  "is 4-02-06-05, not 4-02-06-03 物流服务师 (OCC-003); level 中级工以上 not "
                  "understood (OCC-006); 特级 is an employer's level (人社部发〔2022〕14号), "
                  "accepted; 仓储管理员 listed twice (OCC-008)",
        outcome=O("corrections_needed", ["OCC-002", "OCC-003", "OCC-005", "OCC-006", "OCC-008"],
                  absent=["OCC-009", "C63-04", "OCC-010"],
                  fields={"institution.uscc": "91220106MA17C4D8EP", "jurisdiction.code": "220100",
                          "occupations.0.status": "ok",
                          "occupations.1.status": "no_national_standard",
                          "occupations.2.status": "unknown_code",
                          "occupations.3.status": "name_mismatch",
                          "occupations.3.catalogue_name": "物流服务师",
                          "occupations.3.problems": ["name_mismatch", "invalid_level"],
                          "occupations.4.status": "ok", "occupations.4.levels": [0],
                          "occupations.1.excluded": False,
                          "occupations.5.status": "ok"})))
    S.append(sample(
        "R07-长白山池北区雪岭职业技能培训学校-管委会辖区", "initial", "social_org",
        fields("长白山池北区雪岭职业技能培训学校", uscc("52222426MK4B5C6D7"), "鞠红梅",
               resident_id("22242619790116242"), "吉林省长白山保护开发区池北区白山大街177号",
               "长白山保护开发区池北区", "initial", "social_org", "家政服务、整理收纳职业技能培训",
               "2025年10月15日", "鞠红梅", "0433-5712368"),
        [("4-10-01-06", "家政服务员（整理收纳师）", "五级/初级工、四级/中级工、特级技师")],
        E("complete", note="materials complete"),
        exercises="Art. 4: 池北区 belongs to 长白山管委会, whose authority the table leaves "
                  "TO_CONFIRM (JUR-002); occupation with a work type in brackets (OCC-007); a "
                  "social training organisation asking for 特级技师, an employer's level (OCC-010)",
        outcome=O("review_needed", ["JUR-002", "OCC-007", "OCC-010"], absent=["JUR-004"],
                  fields={"jurisdiction.code": "JL-CBS", "jurisdiction.authority_to_confirm": True,
                          "occupations.0.status": "ok", "occupations.0.work_type": "整理收纳师"})))
    S.append(sample(
        "R08-辽源市启明职业培训学校-隶属关系与地区未识别", "initial", "social_org",
        fields("辽源市启明职业培训学校", uscc("52220402MK5E6F7G8"), "景志勇",
               resident_id("22040219770321171"), "吉林省辽源市龙山区向阳路26号", "高新区",
               "initial", "social_org", "计算机与电子商务职业技能培训", "2025年10月20日",
               "景志勇", "0437-3256618", affiliation="民办非企业"),
        [("4-01-06-01", "电子商务师", "五级/初级工、四级/中级工")],
        E("complete", note="materials complete"),
        exercises="Art. 4: 隶属关系 民办非企业 is no affiliation (EXT-003, JUR-005); 所在地区 "
                  "高新区 names no city, so the authority comes from the credit code 220402 -> "
                  "辽源市 (JUR-004)",
        outcome=O("review_needed", ["EXT-003", "JUR-004", "JUR-005"], absent=["JUR-001"],
                  fields={"institution.uscc": "52220402MK5E6F7G8G", "jurisdiction.code": "220400",
                          "jurisdiction.basis": "credit_code", "fields.affiliation.parsed": False})))
    S.append(sample(
        "R09-中培华测（北京）教育科技有限公司-外省信用代码", "initial", "social_org",
        fields("中培华测（北京）教育科技有限公司",
               uscc("91110108MA01X2Y3W").translate(FULL_WIDTH), "贺文博",
               resident_id("11010819800612201"), "北京市海淀区中关村南大街12号", "长春市",
               "initial", "social_org", "职业技能培训与评价服务（在长春市设考核点）",
               "2025年10月28日", "任思远", "0431-81920076",
               exam_sites="吉林省长春市朝阳区工农大路1188号"),
        [("4-04-04-01", "信息通信网络运行管理员", "四级/中级工、三级/高级工")],
        E("complete", note="materials complete"),
        exercises="registered in Beijing (USCC 911101...) but filing in 长春: works in the province? "
                  "(C61-04, JUR-006); the code is typed in full-width characters (EXT-012); "
                  "checked as the 长春市 office, which is the right one (no JUR-003)",
        outcome=O("review_needed", ["C61-04", "EXT-012", "JUR-006"], authority="220100",
                  absent=["JUR-003", "EXT-010"],
                  fields={"institution.uscc": "91110108MA01X2Y3W0", "institution.uscc_valid": True,
                          "jurisdiction.code": "220100"})))
    S.append(sample(
        "R10-吉林市昌邑区鸿业职业培训学校-条件不满足", "initial", "social_org",
        fields("吉林市昌邑区鸿业职业培训学校", uscc("52220202MK6H7J8K9"), "邢国栋",
               resident_id("22020219740808151"), "吉林省吉林市昌邑区解放北路520号", "吉林市",
               "initial", "social_org", "美发、美容职业技能培训", "2025年11月3日", "邢国栋",
               "13904327788", fee_publication="未公开发布（收费标准正在制定）",
               fulltime_staff_count="0", expert_count="0人", assessor_count="1名",
               supervisor_count="0", exam_sites="", video_surveillance="无",
               safety_fire="未通过消防验收（整改中）"),
        [("4-10-03-01", "美容师", "五级/初级工、四级/中级工"),
         ("4-10-03-02", "美发师", "五级/初级工、四级/中级工")],
        E("corrections_needed", missing=["M-COM-07", "M-COM-12", "M-COM-14", "M-COM-15"],
          note="no staff lists (人员名单/) and no management rules (管理制度/)"),
        drop=["M-COM-07", "M-COM-12", "M-COM-14", "M-COM-15"],
        exercises="Art. 6 (2)-(5) on the form: fee not published (C62-01); no staff lists "
                  "(C63-01), 0 full-time staff, experts, supervisors (C63-02, C63-03, C63-05), "
                  "1 assessor for 2 occupations (C63-04, review: no office minimum is set); no exam site (C64-02); no video "
                  "surveillance (C64-04); fire acceptance not passed (C64-05); no management "
                  "rules (C65-01)",
        outcome=O("corrections_needed", ["C62-01", "C63-01", "C63-02", "C63-03", "C63-04",
                                         "C63-05", "C64-02", "C64-04", "C64-05", "C65-01",
                                         "M-COM-07", "M-COM-12", "M-COM-14", "M-COM-15"],
                  absent=["EXT-003"],
                  fields={"institution.uscc": "52220202MK6H7J8K9D", "jurisdiction.code": "220200",
                          "fields.expert_count.value": 0, "fields.assessor_count.value": 1,
                          "completeness": "corrections_needed"})))
    S.append(sample(
        "R11-通化市恒通建材集团有限公司-子公司名单缺失", "initial", "employer",
        fields("通化市恒通建材集团有限公司", uscc("91220502MA17F5G6H"), "车立伟",
               resident_id("22050219690724191", corrupt=True), "吉林省通化市东昌区滨江西路2号", "通化市",
               "initial", "employer", "水泥、商品混凝土及新型建材生产", "2025年10月17日",
               "石慧", "0435-12", subsidiaries="有，下属3家子公司员工参加认定",
               incentive_mechanism="未建立", pay_linkage="否"),
        [("6-15-01-01", "水泥生产工", "五级/初级工、四级/中级工、三级/高级工")],
        E("corrections_needed", missing=["M-EMP-02"],
          note="子公司 answered 有 but no 子公司名单 (M-EMP-02 becomes required)"),
        exercises="Art. 6 (6): incentive mechanism 未建立 (C66-01), pay not linked (C66-02), "
                  "subsidiaries without their list (C66-03); legal representative's ID has a "
                  "wrong check digit (EXT-020); phone 0435-12 (EXT-040)",
        outcome=O("corrections_needed", ["C66-01", "C66-02", "C66-03", "EXT-020", "EXT-040",
                                         "M-EMP-02"],
                  fields={"institution.uscc": "91220502MA17F5G6H9", "jurisdiction.code": "220500",
                          "institution.legal_representative_id_check": "bad_checksum",
                          "application.applicant_type": "employer"})))
    S.append(sample(
        "R12-洮南市兴农职业技能培训学校-必填项缺失", "initial", "social_org",
        fields("洮南市兴农职业技能培训学校", "220881000123456", "",
               resident_id("22088119720415211"), "吉林省白城市洮南市团结西路39号", "",
               "initial", "social_org", "农业种植、农机操作职业技能培训", "2025年2月30日",
               "尹秀云", "0436-6222917"),
        [],
        E("corrections_needed", missing=["M-COM-04"],
          note="法定代表人身份证明 missing; the form leaves 法定代表人 empty"),
        drop=["M-COM-04"],
        exercises="form errors: 法定代表人 and 所在地区 empty (EXT-002, C61-02); old 15-digit "
                  "registration number instead of a USCC (EXT-010, C61-01), so no authority can "
                  "be found (JUR-001); 申请日期 2025年2月30日 does not exist (EXT-004); the "
                  "occupations table is empty (OCC-001)",
        outcome=O("corrections_needed", ["C61-01", "C61-02", "EXT-002", "EXT-004", "EXT-010",
                                         "JUR-001", "OCC-001", "M-COM-04"],
                  absent=["EXT-011", "DAT-01"],
                  fields={"institution.uscc_check": "bad_format", "institution.uscc_valid": False,
                          "jurisdiction.code": None})))
    S.append(sample(
        "R13-梅河口市福源职业技能培训学校-变更事项不全", "change", "social_org",
        fields("梅河口市福源职业技能培训学校", uscc("52220581MK7L8M9N1"), "檀玉芬",
               resident_id("22058119810502262"), "吉林省梅河口市和平街道富强路99号", "梅河口市",
               "change", "social_org", "中式烹调、面点职业技能培训", "2025年11月6日", "檀玉芬",
               "0435-4221180", filing_number="", filing_valid_until="2027年10月31日",
               change_items="联系电话、注册地址"),
        [("4-03-02-01", "中式烹调师", "五级/初级工、四级/中级工")],
        E("complete", note="materials complete"),
        changes=[("联系电话", "0435-4221180", "0435-4229966"),
                 ("注册地址", "吉林省梅河口市和平街道富强路99号", "")],
        exercises="Art. 8: 原备案编号 empty (A8-04); 联系电话 is not a filing element "
                  "(A8-02); the new 注册地址 is left empty (A8-03)",
        # A8-04 (no 原备案编号) is recorded only: the regulation defines none, and the office
        # has not made it required. The blank new 注册地址 is for the applicant to fill in
        # (A8-03 blocking: a 补正 item).
        outcome=O("corrections_needed", ["A8-02", "A8-03", "A8-04"], absent=["A8-01"],
                  fields={"institution.uscc": "52220581MK7L8M9N1M", "jurisdiction.code": "220581",
                          "application.kind": "change"})))
    S.append(sample(
        "R14-长春市博雅职业培训学校-变更未填变更表", "change", "social_org",
        fields("长春市博雅职业培训学校", uscc("52220104MK8P9Q1R2"), "路海龙",
               resident_id("22010419760913151"), "吉林省长春市朝阳区红旗街616号", "长春市",
               "change", "social_org", "茶艺、插花职业技能培训", "2026年12月8日", "路海龙",
               "0431-85963321", filing_number="吉人社认备〔2024〕105号",
               filing_valid_until="2027年12月31日", change_items="考试考核场地"),
        [("4-03-02-07", "茶艺师", "五级/初级工、四级/中级工")],
        E("complete", note="materials complete"),
        exercises="Art. 8: 变更事项 named but the change table is missing (A8-01); 申请日期 "
                  "2026年12月8日 is after the check date (DAT-01)",
        outcome=O("corrections_needed", ["A8-01", "DAT-01"], absent=["A8-04"],
                  fields={"institution.uscc": "52220104MK8P9Q1R2L", "jurisdiction.code": "220100",
                          "institution.application_date": "2026-12-08"})))
    S.append(sample(
        "R15-吉林市东方职业技能培训学校-续期超过有效期", "renewal", "social_org",
        fields("吉林市东方职业技能培训学校", uscc("52220204MK9R1T2U3"), "钟庆祥",
               resident_id("22020419680227131"), "吉林省吉林市船营区河南街155号", "吉林市",
               "renewal", "social_org", "汽车维修、电工职业技能培训", "2025年11月14日", "钟庆祥",
               "0432-62458810", filing_number="", filing_valid_until="2025年10月31日"),
        [("4-12-01-01", "汽车维修工", "五级/初级工、四级/中级工")],
        E("complete", note="materials complete"),
        exercises="Art. 9: filed 2025-11-14, after the filing expired on 2025-10-31 (A9-02); "
                  "原备案编号 empty (A9-04)",
        # Filed after expiry: an expired filing cannot be renewed (Art. 9), not 补正.
        outcome=O("not_eligible", ["A9-02", "A9-04"], absent=["A9-01", "A9-03"],
                  fields={"institution.uscc": "52220204MK9R1T2U3G", "jurisdiction.code": "220200",
                          "institution.filing_valid_until": "2025-10-31"})))
    S.append(sample(
        "R16-珲春市海港职业培训学校-续期未填有效期", "renewal", "social_org",
        fields("珲春市海港职业培训学校", uscc("52222404MKA2B3C4D"), "南哲洙",
               resident_id("22240419730618171"), "吉林省延边朝鲜族自治州珲春市靖和街道港城路36号",
               "延边朝鲜族自治州珲春市", "renewal", "social_org", "物流、报关职业技能培训",
               "2025年10月9日", "南哲洙", "0433-7512260",
               filing_number="吉人社认备〔2023〕077号", filing_valid_until=""),
        [("4-02-06-01", "仓储管理员", "五级/初级工、四级/中级工")],
        E("complete", note="materials complete"),
        exercises="Art. 9: 备案有效期至 left empty, so the renewal window cannot be checked "
                  "(A9-01)",
        outcome=O("corrections_needed", ["A9-01"], absent=["A9-02", "A9-03", "A9-04"],
                  fields={"institution.uscc": "52222404MKA2B3C4DM", "jurisdiction.code": "222400",
                          "institution.filing_valid_until": None})))
    S.append(sample(
        "R17-吉林市雾凇职业技能培训学校-表格与附件问题", "initial", "social_org",
        fields("吉林市雾凇职业技能培训学校", uscc("52220211MKB3C4D5E"), "桑晓东",
               resident_id("22021119820102151"), "吉林省吉林市丰满区吉林大街3188号", "吉林市",
               "initial", "social_org", "冰雪运动与旅游服务职业技能培训", "2025年10月30日",
               "桑晓东", "13596387012"),
        [("4-14-05-01", "社会体育指导员", "五级/初级工、四级/中级工")],
        E("corrections_needed", unreadable=["M-COM-03"],
          unmatched=[LONG_NAME, "办学资料备份.rar", "宣传视频.mp4", "补充材料.zip › 补充说明.txt"],
          note="法人登记证书.pdf is a PNG picture; a 126-character file name; a .rar archive; "
               "a video; a zip holding a note and another zip; a backup folder nested 9 "
               "levels deep"),
        replace={"法人登记证书.pdf": png_bytes(24, 16, 0x90)},
        extra_files=[(LONG_NAME, pdf_bytes("机构简介", ["brochure"])),
                     ("办学资料备份.rar", RAR_BYTES),
                     ("宣传视频.mp4", MP4_BYTES),
                     ("补充材料.zip", _zip([("补充说明.txt", "补充说明\n"),
                                        ("旧版附件.zip", _zip([("说明.txt", "旧版\n")]))])),
                     (DEEP_DIR + "/考评记录.pdf", pdf_bytes("考评记录", ["records"]))],
        form_options={"extra_rows": [("办学许可证号", "教民122021170000315号"),
                                     ("联系电话", "0432-64682207")]},
        exercises="form: a label beian does not know (办学许可证号, ING-014) and 联系电话 twice "
                  "with different numbers (ING-015); files: a PNG named .pdf (ING-033), a .rar "
                  "beian does not open, asked for as zip (ING-037), a video (ING-036), a zip "
                  "opened (ING-008) holding another zip, not opened (ING-009), a name over 120 "
                  "characters (ING-022), folders 9 deep (ING-006)",
        outcome=O("corrections_needed", ["ING-006", "ING-008", "ING-009", "ING-014", "ING-015",
                                         "ING-022", "ING-033", "ING-036", "ING-037", "M-COM-03",
                                         "C61-01"],
                  fields={"institution.uscc": "52220211MKB3C4D5E8", "jurisdiction.code": "220200",
                          "institution.contact_phone": "13596387012"})))
    S.append(sample(
        "R18-白山市鑫达职业培训学校-申请表文件损坏", "initial", "social_org",
        fields("白山市鑫达职业培训学校", uscc("52220605MKC4D5E6F"), "苗丽",
               resident_id("22060519800826222"), "吉林省白山市江源区孙家堡子街道江源大街18号",
               "白山市", "initial", "social_org", "采矿、机电维修职业技能培训", "2025年9月24日",
               "苗丽", "0439-5212877"),
        [("6-31-01-03", "电工", "五级/初级工、四级/中级工")],
        E("corrections_needed", unreadable=["M-COM-02"], kind="unknown", type_="unknown",
          note="申请表.docx is cut off (a broken upload): kind and type unknown"),
        form_bytes="TRUNCATED-FORM",
        exercises="ING-012: the form cannot be read, so nothing on it is known (COMP-001, "
                  "COMP-002); extraction and the rules are skipped",
        outcome=O("corrections_needed", ["ING-012", "COMP-001", "COMP-002"],
                  absent=["ING-010", "ING-013", "EXT-001", "JUR-001"],
                  fields={"application.kind": "unknown", "completeness": "corrections_needed"})))
    S.append(sample(
        "R19-东丰县梅花鹿职业培训学校-申请表无栏目", "initial", "social_org",
        fields("东丰县梅花鹿职业培训学校", uscc("52220421MKD5E6F7G"), "付长青",
               resident_id("22042119710309191"), "吉林省辽源市东丰县东丰镇鹿乡大街66号", "辽源市",
               "initial", "social_org", "特色养殖职业技能培训", "2025年10月11日", "付长青",
               "0437-6232158"),
        [("5-03-01-01", "家畜繁殖员", "五级/初级工")],
        E("corrections_needed", kind="unknown", type_="unknown",
          note="申请表.docx holds only a note pointing at a scan: no labelled cell"),
        form_bytes=docx_bytes(["职业技能等级认定机构备案申请表",
                               "本表已打印、签字盖章，内容见扫描件。"]),
        exercises="ING-013: the form is a Word file without any known label; extraction and "
                  "the rules are skipped rather than reporting every field missing",
        outcome=O("corrections_needed", ["ING-013", "COMP-001", "COMP-002"],
                  absent=["ING-012", "EXT-001", "EXT-002", "OCC-001"],
                  fields={"application.kind": "unknown"})))

    # --- Issue 8: materials as applicants really name and make them --------------------------
    m01_org = "长春市春华职业技能培训学校"

    def m01_pdf(title):
        return pdf_bytes(title, ["beian sample dossier M01", "synthetic content"])
    S.append(sample(
        "M01-长春市春华职业技能培训学校-附件命名各异", "initial", "social_org",
        fields(m01_org, uscc("52220104MKE6F7G8H"), "潘玉芬",
               resident_id("22010419790618242"), "吉林省长春市朝阳区湖西路1699号", "长春市",
               "initial", "social_org", "家政、育婴职业技能培训", "2025年11月6日", "潘玉芬",
               "13844021596"),
        [("4-10-01-06", "家政服务员", "五级/初级工、四级/中级工")],
        E("complete", unmatched=["场地照片/1号教室.tif"],
          note="every material present but named and made the way applicants do: the form as "
               "1.备案申请表.docx beside the untouched blank form; 关于…的请示 as the 申请报告; an "
               "OFD registration certificate; a phone motion photo; outline-numbered folders "
               "三、人员名单/ and 五、管理制度/ (考评人员管理制度 is a rule, not a staff list); "
               "legacy .xls/.doc; HEIC, WebP and TIFF pictures; a 0-byte second copy; Thumbs.db "
               "and a shortcut"),
        form="1.备案申请表.docx",
        files=[
            ("申请表（空白）.docx", "BLANK-FORM"),
            ("Thumbs.db", b"\x00" * 64),
            ("营业执照 - 快捷方式.lnk", b"L\x00\x00\x00\x01\x14\x02\x00" + b"\x00" * 68),
            ("关于申请职业技能等级认定机构备案的请示.pdf", m01_pdf("关于申请备案的请示")),
            ("法人登记证书.ofd", ofd_bytes("民办非企业单位登记证书")),
            ("法定代表人身份证（正反面）.jpg", motion_photo_bytes()),
            ("诚信承诺书（盖章）.pdf", m01_pdf("无违法违规失信记录承诺书")),
            ("收费标准.pdf", m01_pdf("收费标准")),
            ("收费公示截图.webp", webp_bytes()),
            ("三、人员名单/考评员.xlsx", xlsx_bytes(staff_rows("考评人员"))),
            ("三、人员名单/专家.xlsx", xlsx_bytes(staff_rows("专家"))),
            ("三、人员名单/专职工作人员及督导人员.xls", ole2_bytes("Workbook")),
            ("4.场地设备清单.xlsx", xlsx_bytes([["序号", "名称", "数量"], ["1", "实操室", "2"]])),
            ("场地照片/1号教室.tif", tiff_bytes()),
            ("题库情况说明.docx", docx_bytes(["题库情况说明", "试题按国家职业技能标准编制。"])),
            ("视频监控照片.heic", heic_bytes()),
            ("消防验收意见书.pdf", m01_pdf("消防验收意见书")),
            ("消防验收意见书（补充）.pdf", b""),
            ("五、管理制度/考务管理制度.pdf", m01_pdf("考务管理制度")),
            ("五、管理制度/考评人员管理制度.pdf", m01_pdf("考评人员管理制度")),
            ("五、管理制度/突发事件应急预案.doc", ole2_bytes("WordDocument")),
        ],
        exercises="issue 8: form and blank form (ING-017), ignored Thumbs.db and shortcut "
                  "(ING-007), the 0-byte extra copy is only a review note (ING-030, M-COM-11 "
                  "review); no material is missing or unreadable",
        outcome=O("review_needed", ["ING-007", "ING-017", "ING-030", "M-COM-11"],
                  absent=["ING-010", "ING-011", "ING-016", "ING-031", "ING-033", "ING-036",
                          "M-COM-01", "M-COM-03", "M-COM-04", "M-COM-05", "M-COM-06",
                          "M-COM-07", "M-COM-08", "M-COM-10", "M-COM-12", "M-COM-14",
                          "M-COM-15", "C61-01", "C61-02", "C62-01", "C63-01", "C64-04",
                          "C64-05", "C65-01", "COMP-004"],
                  fields={"completeness": "complete", "jurisdiction.code": "220100",
                          "institution.uscc": uscc("52220104MKE6F7G8H"),
                          "materials.0.status": "present", "materials.2.status": "present",
                          "materials.11.status": "present", "materials.12.status": "present",
                          "materials.13.status": "present"})))

    def m02_pdf(title):
        return pdf_bytes(title, ["beian sample dossier M02", "synthetic content"])
    S.append(sample(
        "M02-吉林市福瑞职业培训学校-申请表为doc且材料合并", "initial", "social_org",
        fields("吉林市福瑞职业培训学校", uscc("52220203MKF7G8H9J"), "战立新",
               resident_id("22020319770204171"), "吉林省吉林市船营区河南街88号", "吉林市",
               "initial", "social_org", "电子商务职业技能培训", "2025年11月8日", "战立新",
               "13904419821"),
        [("4-01-02-02", "互联网营销师", "五级/初级工")],
        E("corrections_needed", kind="unknown", type_="unknown",
          note="the form only as a legacy Word 申请表.doc (no usable form: asked for as .docx or "
               ".xml, not called damaged or missing); everything else merged into one "
               "全部申报材料汇总.pdf (each material it may hold is a review item); a bare "
               "承诺书.pdf (to be confirmed); one note about staff and sites that fits two "
               "materials"),
        form=None,
        files=[
            ("申请表.doc", ole2_bytes("WordDocument")),
            ("全部申报材料汇总.pdf", m02_pdf("全部申报材料")),
            ("营业执照.pdf", m02_pdf("营业执照")),
            ("承诺书.pdf", m02_pdf("承诺书")),
            # Not 人员及场地情况说明: a title joining two materials names both (issue 22, M03).
            ("场地人员情况说明.pdf", m02_pdf("场地人员情况说明")),
        ],
        exercises="issue 8: ING-016 (form only as .doc), COMP-004 (a file fitting two "
                  "materials equally, its title joining none), materials uncertain instead of missing (merged file, bare title)",
        outcome=O("corrections_needed", ["ING-016", "COMP-001", "COMP-002", "COMP-004",
                                         "M-COM-01", "M-COM-05"],
                  absent=["ING-010", "ING-012", "ING-031", "ING-036"],
                  fields={"completeness": "corrections_needed",
                          "materials.0.status": "uncertain", "materials.2.status": "present",
                          "materials.4.status": "uncertain"})))
    S.append(sample(
        "M03-吉林市合璧职业技能培训学校-一个文件多项材料", "initial", "social_org",
        fields("吉林市合璧职业技能培训学校", uscc("52220204MKG8H9J0K"), "贺振东",
               resident_id("22020419790315191"), "吉林省吉林市昌邑区解放北路166号", "吉林市",
               "initial", "social_org", "家政服务职业技能培训", "2025年11月12日", "贺振东",
               "13804427316"),
        [("4-10-01-06", "家政服务员", "五级/初级工、四级/中级工")],
        E("complete",
          note="several materials in one file, named in its title: the registration certificate "
               "and the legal representative's ID (joined by 及); the three management rules "
               "named before 汇编 (joined by 、 and 及)"),
        drop=["M-COM-03", "M-COM-04", "M-COM-12", "M-COM-14", "M-COM-15"],
        extra_files=[("登记证书及法定代表人身份证明.pdf",
                      pdf_bytes("登记证书及法定代表人身份证明", ["certificate", "id card"])),
                     ("3、管理运行制度、人员管理制度及应急预案汇编.pdf",
                      pdf_bytes("管理制度汇编", ["rules"]))],
        exercises="issue 22: a title naming several materials makes each present (merged), "
                  "with one review item per file asking to confirm it holds each (COMP-005); "
                  "none of them is missing",
        outcome=O("review_needed", ["COMP-005"],
                  absent=["M-COM-03", "M-COM-04", "M-COM-12", "M-COM-14", "M-COM-15",
                          "COMP-004"],
                  fields={"completeness": "complete", "jurisdiction.code": "220200",
                          "materials.2.status": "present", "materials.2.merged": True,
                          "materials.3.status": "present", "materials.3.merged": True})))

    # --- Issue 8: forms as applicants fill them ----------------------------------------------
    S.append(sample(
        "R40-桦甸市森工职业技能培训学校-申请表勾选两项", "initial", "social_org",
        fields("桦甸市森工职业技能培训学校", uscc("52220282MKE6F7G8H"), "马春雷",
               resident_id("22028219780611301"), "吉林省吉林市桦甸市明桦街道人民大街18号",
               "吉林市", "initial", "social_org",
               "木材加工、林业机械职业技能培训。" + "培训内容涵盖木材加工工艺与设备操作规程。" * 250,
               "2025年10月20日", "马春雷", "0432-66221234",
               application_kind="☑首次申请 ☑增加职业（工种） □变更 □续期 □终止",
               applicant_type="□用人单位 ☑社会培训评价组织",
               affiliation="□中直驻省 □省属 ☑市（州）属及以下"),
        [("电工", "6-31-01-03", "初、中级")],
        E("corrections_needed", kind="unknown", type_="social_org",
          note="two kinds ticked: no kind is guessed; occupation code typed in the name cell; "
               "main business over 4,000 characters"),
        exercises="EXT-005: 首次申请 and 增加职业（工种） both ticked, so the kind is not "
                  "guessed (COMP-001 follows); 机构类型 and 隶属关系 are read from their ticks; "
                  "EXT-030: the code typed in the name cell is read swapped; ING-019: the main "
                  "business is cut at max_value_chars (4,000)",
        outcome=O("corrections_needed", ["EXT-005", "EXT-030", "ING-019", "COMP-001"],
                  absent=["EXT-002", "EXT-003", "ING-012", "ING-013"],
                  fields={"application.kind": "unknown",
                          "application.applicant_type": "social_org",
                          "institution.affiliation": "city_or_below",
                          "occupations.0.code": "6-31-01-03"})))
    S.append(sample(
        "R41-舒兰市溪河职业培训学校-申请表嵌套过深", "initial", "social_org",
        fields("舒兰市溪河职业培训学校", uscc("52220283MKF7G8H9J"), "韩玉芬",
               resident_id("22028319800203402"), "吉林省吉林市舒兰市北城街道长安路9号", "吉林市",
               "initial", "social_org", "农业技能培训", "2025年10月22日", "韩玉芬",
               "0432-68221234"),
        [("6-31-01-03", "电工", "五级/初级工")],
        E("corrections_needed", kind="unknown", type_="unknown",
          note="申请表.docx nests content controls 300 levels deep: over max_xml_depth, not read"),
        form_bytes=_zip([
            ("[Content_Types].xml",
             '<?xml version="1.0" encoding="UTF-8"?>\n<Types xmlns="http://schemas.'
             'openxmlformats.org/package/2006/content-types"><Override PartName="/word/'
             'document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
             'wordprocessingml.document.main+xml"/></Types>'),
            ("word/document.xml",
             '<?xml version="1.0" encoding="UTF-8"?>\n<w:document xmlns:w="http://schemas.'
             'openxmlformats.org/wordprocessingml/2006/main"><w:body>'
             + "<w:sdt><w:sdtContent>" * 300 + "<w:p/>" + "</w:sdtContent></w:sdt>" * 300
             + "</w:body></w:document>")]),
        exercises="ING-018: a form nested deeper than max_xml_depth (256) is not read, with a "
                  "finding naming the file and the limit; the dossier is checked for materials "
                  "only",
        outcome=O("corrections_needed", ["ING-018", "COMP-001", "COMP-002"],
                  absent=["ING-012", "ING-013", "EXT-001"],
                  fields={"application.kind": "unknown"})))
    return S


# ---------------------------------------------------------------------------------------------
# Later dossiers (samples/later/): run one at a time, in order, after the intake's first run
# ---------------------------------------------------------------------------------------------

# What the walk (tests/e2e/registry_walk_test.py) gives S01's institution, which its later
# dossiers quote: the first 备案通知 issued on 2026-10-12 with filing_number_format
# 吉认备〔{year}〕{n}号 (the year's first 备案编号; a renewal keeps it) runs three years.
DINGXIN_FILING_NUMBER = "吉认备〔2026〕1号"
DINGXIN_VALID_UNTIL = "2029年10月11日"
DINGXIN_RENEWED_UNTIL = "2032年10月11日"


def build_later():
    """[(dossier, when and after what it is run)], in the order the walk runs them. Each is a
    complete dossier of its kind whose form quotes the registry's filing as the walk leaves it."""
    L = []
    L.append((sample(
        "L1-长春市通达物流有限公司-补正", "initial", "employer",
        tongda_fields("2026年9月14日"),
        [("4-02-06-01", "仓储管理员", "五级/初级工、四级/中级工、三级/高级工"),
         ("4-02-05-01", "装卸搬运工", "五级/初级工、四级/中级工"),
         ("4-02-06-05", "供应链管理师", "四级/中级工、三级/高级工"),
         ("4-02-06-04", "冷藏工", "五级/初级工、四级/中级工")],
        E("complete", note="R06's dossier corrected (补正): the occupation table with catalogue "
                           "codes, names and levels, 道路货运业务员 (no national standard) and "
                           "the second 仓储管理员 row left out; the same materials"),
        outcome=O("review_needed", ["C64-01"], absent=["OCC-002", "OCC-003", "OCC-005", "OCC-006",
                                               "OCC-008"])),
        "run 2026-09-15, after R06's case was returned for corrections (补正): a new version of "
        "that case"))
    L.append((sample(
        "L2-长春鼎新职业技能培训学校-变更", "change", "social_org",
        dingxin_later_fields("change", "2026年11月2日", filing_valid_until=DINGXIN_VALID_UNTIL,
                             change_items="法定代表人"),
        DINGXIN_OCCUPATIONS,
        E("complete", note="change of legal representative 陈志刚 → 王淑芬 (Art. 8) with the "
                           "registration authority's notice and the new representative's ID"),
        changes=[("法定代表人", "陈志刚", "王淑芬")],
        outcome=O("pass", [], absent=["A8-01", "A8-02", "A8-03", "A8-04", "REG-001", "REG-002"])),
        "run 2026-11-03, after S01's first filing (备案通知 issued 2026-10-12, "
        + DINGXIN_FILING_NUMBER + ", valid until 2029-10-11): a new case taking the whole path "
        "with a 公示, filed as a 备案变更"))
    L.append((sample(
        "L3-长春鼎新职业技能培训学校-续期", "renewal", "social_org",
        dingxin_later_fields("renewal", "2029年6月1日", filing_valid_until=DINGXIN_VALID_UNTIL),
        DINGXIN_OCCUPATIONS,
        E("complete", note="renewal (Art. 9) filed before the window closes (three months "
                           "before 2029-10-11: by 2029-07-11), after the change: the filed "
                           "record's 法定代表人 王淑芬"),
        outcome=O("pass", [], absent=["A9-01", "A9-02", "A9-03", "A9-04", "REG-003", "REG-004",
                                      "REG-005", "REG-006", "REG-009"])),
        "run 2029-06-04, after the change was filed: received → preliminary → 续期备案通知 "
        "(validity on from the old end: to 2032-10-11, the same 备案编号)"))
    L.append((sample(
        "L4-长春鼎新职业技能培训学校-终止", "termination", "social_org",
        dingxin_later_fields("termination", "2030年3月2日",
                             filing_valid_until=DINGXIN_RENEWED_UNTIL,
                             termination_reason="学校调整办学方向，主动申请终止备案"),
        DINGXIN_OCCUPATIONS,
        E("complete", note="voluntary termination (Art. 10, 12, 13) with the wind-up documents: "
                           "certificate data, archive custody, refunds"),
        outcome=O("pass", [], absent=["REG-007", "REG-008", "REG-009"])),
        "run 2030-03-04, after the renewal: received → preliminary → terminate --voluntary "
        "(终止备案通知)"))
    L[-1][0]["certificates"] = [["中式烹调师", "312", "312"], ["中式面点师", "146", "146"],
                                ["保育师", "205", "205"]]
    return L


def write_dossier(root, d):
    folder = os.path.join(root, d["name"])
    os.makedirs(folder)
    ids = [m for m in COMPLETE[(d["kind"], d["type"])] if m not in d["drop"]] + d["add"]
    files = []
    for mid in ids:
        files += material_files(mid, d)
    if d["files"] is not None:
        files = list(d["files"])
    files += [(p, b) for p, b in d["extra_files"] if b != "FORM-XML"]
    if d["name"].startswith("S10-"):
        # Numbered in checklist order, like many real uploads ("01-申请报告.pdf").
        top = [f for f in files if "/" not in f[0]]
        numbers = {rel: "%02d-%s" % (i + 1, rel) for i, (rel, _) in enumerate(top)}
    else:
        numbers = {}
    for rel, data in sorted(files, key=lambda x: x[0]):
        if rel in d["replace"]:
            data = d["replace"][rel]
        if data == "BLANK-FORM":
            # The untouched blank form, as applicants leave it beside the filled one.
            with open(os.path.join(ROOT_DIR, "templates", "forms", "申请表（空白）.docx"),
                      "rb") as f:
                data = f.read()
        rel = numbers.get(rel, rel)
        path = os.path.join(folder, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data)
    forms = [d["form"]] if d["form"] else []
    forms += [p for p, b in d["extra_files"] if b == "FORM-XML"]
    for form in forms:
        path = os.path.join(folder, form)
        if d["form_bytes"] is not None and form == d["form"]:
            data = d["form_bytes"]
            if data == "TRUNCATED-FORM":
                # The real form, cut off after 60% of its bytes (a broken upload, R18).
                form_writer.write_form(path, d["fields"], d["occupations"], d["changes"])
                with open(path, "rb") as f:
                    full = f.read()
                data = full[: len(full) * 6 // 10]
            with open(path, "wb") as f:
                f.write(data)
            continue
        form_writer.write_form(path, d["fields"], d["occupations"], d["changes"],
                               **(d["form_options"] if form == d["form"] else {}))


def expected_entry(d):
    e = d["expect"]
    kind = e["kind"] or d["kind"]
    type_ = e["type"] or d["type"]
    return {
        "kind": kind, "applicant_type": type_,
        "missing": e["missing"], "unreadable": e["unreadable"],
        "unmatched": e["unmatched"], "conclusion": e["conclusion"],
        "report": True, "note": e["note"],
        "exercises": d["exercises"],
        **d["outcome"],
    }


def generate(samples_dir):
    intake = os.path.join(samples_dir, "intake")
    if os.path.exists(intake):
        shutil.rmtree(intake)
    os.makedirs(intake)
    expected = {}
    for d in build_samples():
        write_dossier(intake, d)
        expected[d["name"]] = expected_entry(d)
    later = os.path.join(samples_dir, "later")
    if os.path.exists(later):
        shutil.rmtree(later)
    os.makedirs(later)
    for d, _ in build_later():
        write_dossier(later, d)

    # B01: a stray file directly in the intake (not a folder).
    stray = "B01-散落文件-申请报告.pdf"
    with open(os.path.join(intake, stray), "wb") as f:
        f.write(pdf_bytes("申请报告", ["a stray file dropped into the intake folder"]))
    expected[stray] = {
        "kind": "unknown", "applicant_type": "unknown", "missing": None, "unreadable": None,
        "unmatched": None, "conclusion": "corrections_needed", "report": True,
        "note": "not a folder: ING-001; materials not compared", "exercises": None,
        **O("corrections_needed", ["ING-001"], absent=["ING-003"])}
    # B07: a whole dossier sent as one .zip that does not open: the archive was cut off in
    # transit (one local header and half of its deflated data, no central directory). Built
    # byte by byte so that no zip tool repairs it; the bytes are deflated so that the `%PDF-`
    # of the entry cannot make the probe take the file for a PDF.
    broken = "B07-榆树市丰收职业培训学校-压缩包无法打开.zip"
    with open(os.path.join(intake, broken), "wb") as f:
        f.write(broken_zip_bytes("申请报告.pdf", pdf_bytes("申请报告", ["cut off in transit"])))
    expected[broken] = {
        "kind": "unknown", "applicant_type": "unknown", "missing": None, "unreadable": None,
        "unmatched": None, "conclusion": "corrections_needed", "report": True,
        "note": "a dossier sent as one zip that does not open (cut off: no central directory): "
                "ING-038 and the archive's health (ING-032); materials not compared",
        "exercises": None,
        **O("corrections_needed", ["ING-038", "ING-032"], absent=["ING-001", "ING-008"])}
    # B02: an empty folder (the .gitkeep that lets git store it is ignored by ingest).
    empty = os.path.join(intake, "B02-空文件夹")
    os.makedirs(empty)
    with open(os.path.join(empty, ".gitkeep"), "wb"):
        pass
    expected["B02-空文件夹"] = {
        "kind": "unknown", "applicant_type": "unknown", "missing": None, "unreadable": None,
        "unmatched": None, "conclusion": "corrections_needed", "report": True,
        "note": "empty folder: ING-003; materials not compared", "exercises": None,
        **O("corrections_needed", ["ING-003"], absent=["ING-001"],
            fields={"completeness": "corrections_needed"})}

    doc = {
        "_comment": "Expected outcome of every samples/intake entry. Generated by "
                    "samples/gen/make_samples.py; do not edit by hand. missing = required "
                    "materials with status missing; unreadable = materials with status "
                    "unreadable; unmatched = unmatched_files; null = not compared. conclusion "
                    "is the completeness-stage verdict (issue 2): complete | "
                    "corrections_needed. Issue 3 (tests/e2e/samples_rules_test.cc), for "
                    "`beian check DOSSIER --json --date <rules_date> [--authority "
                    "<authority>]`: overall_conclusion = report.json conclusion; rules = rule "
                    "ids that must be among the findings; absent_rules = rule ids that must "
                    "not; report_fields = {dotted path in report.json: value}.",
        "rules_date": RULES_DATE,
        "dossiers": expected,
    }
    with open(os.path.join(samples_dir, "expected.json"), "w", encoding="utf-8",
              newline="\n") as f:
        json.dump(doc, f, ensure_ascii=False, indent=2, sort_keys=True)
        f.write("\n")
    write_readme(samples_dir, expected)


def write_readme(samples_dir, expected):
    def ids(v):
        return "—" if v is None else (", ".join(v) if v else "none")
    lines = [
        "# Sample dossiers",
        "",
        "<!-- GENERATED BY samples/gen/make_samples.py; DO NOT EDIT. -->",
        "",
        "Synthetic filing dossiers (fictional institutions and people in real Jilin cities) used as",
        "the end-to-end suite. `intake/` holds the dossiers, `expected.json` their expected",
        "outcome; tests/e2e/ runs the pipeline and the `beian` binary over them.",
        "",
        "Regenerate after changing the generator (output is byte-for-byte reproducible):",
        "",
        "    python3 samples/gen/make_samples.py           # rewrite intake/, later/, expected.json, README.md",
        "    python3 samples/gen/make_samples.py --check   # exit 1 if the committed files differ",
        "",
        "S = completeness cases (issue 2), B = bad intake entries, R = rules cases (issue 3:",
        "mostly materials complete, the form carries the problem; together the samples make every",
        "rule of checklists/rules.xml and every EXT/ING/COMP rule a folder can produce fire),",
        "M = materials as applicants really name and make them (issue 8).",
        "`conclusion` is the completeness-stage verdict; missing = required materials missing;",
        "— = not compared. `overall` is report.json `conclusion` of `beian check DOSSIER --json",
        "--date %s` (plus `--authority` where the row says so); `rules` are the rule ids the" %
        RULES_DATE,
        "sample must produce (tests/e2e/samples_rules_test.cc; golden reports: tests/golden/).",
        "",
        "| dossier | kind | applicant type | missing | unreadable | conclusion | overall | rules |"
        " what it shows |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for name in sorted(expected):
        e = expected[name]
        what = e["note"] + (("; rules: " + e["exercises"]) if e["exercises"] else "")
        overall = e["overall_conclusion"] + (
            " (--authority %s)" % e["authority"] if e["authority"] else "")
        lines.append("| %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
            name, e["kind"], e["applicant_type"], ids(e["missing"]), ids(e["unreadable"]),
            e["conclusion"], overall, ids(e["rules"]), what.replace("|", "/")))
    lines += [
        "",
        "## Later dossiers",
        "",
        "`later/` holds the dossiers that come after the intake's first run, so that a registry",
        "can be walked from a first filing to its end without building dossiers by hand. They are",
        "not in `intake/` (one run would register them all at once, before the filing they refer",
        "to exists): copy them into the intake one at a time, in this order, and run again. L2-L4",
        "are the later life of the institution whose first filing sample S01 files",
        "(长春市鼎新职业技能培训学校, 52220102MJ0A1B2C32, through the 长春 office, 220100); L1 is",
        "the corrected version of R06 (长春市通达物流有限公司). Their forms quote the filing as the",
        "walk leaves it: the first 备案通知 issued on 2026-10-12 with `filing_number_format`",
        "`吉认备〔{year}〕{n}号` (备案编号 %s, valid until 2029-10-11). `overall` is what" %
        DINGXIN_FILING_NUMBER,
        "the run says of it in that walk (with the registry's record check); tests/e2e/",
        "registry_walk_test.py is the walk.",
        "",
        "| order | dossier | kind | applicant type | overall | when and after what | what it shows |",
        "|---|---|---|---|---|---|---|",
    ]
    for i, (d, when) in enumerate(build_later(), start=1):
        lines.append("| %d | %s | %s | %s | %s | %s | %s |" % (
            i, d["name"], d["kind"], d["type"], d["outcome"]["overall_conclusion"], when,
            d["expect"]["note"]))
    with open(os.path.join(samples_dir, "README.md"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")


def _tree_equal(a, b):
    if not os.path.isdir(b):
        print("missing: %s" % b)
        return False
    cmp = filecmp.dircmp(a, b)
    if cmp.left_only or cmp.right_only or cmp.funny_files:
        print("differs: %s %s" % (cmp.left_only, cmp.right_only))
        return False
    _, mismatch, errors = filecmp.cmpfiles(a, b, cmp.common_files, shallow=False)
    if mismatch or errors:
        print("differs in %s: %s" % (a, mismatch + errors))
        return False
    return all(_tree_equal(os.path.join(a, s), os.path.join(b, s)) for s in cmp.common_dirs)


def main(argv):
    if len(argv) == 2 and argv[1] == "--check":
        with tempfile.TemporaryDirectory() as tmp:
            generate(tmp)
            same = (all(_tree_equal(os.path.join(tmp, sub), os.path.join(SAMPLES_DIR, sub))
                        for sub in ("intake", "later"))
                    and all(filecmp.cmp(os.path.join(tmp, f), os.path.join(SAMPLES_DIR, f),
                                        shallow=False) for f in ("expected.json", "README.md")))
        print("samples up to date" if same else "samples differ: run samples/gen/make_samples.py")
        return 0 if same else 1
    if len(argv) != 1:
        sys.stderr.write(__doc__)
        return 2
    generate(SAMPLES_DIR)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
