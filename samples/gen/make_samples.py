#!/usr/bin/env python3
"""Generates the bundled sample dossiers (samples/intake/) and their expected outcomes
(samples/expected.json).

    python3 samples/gen/make_samples.py            # rewrite samples/intake and expected.json
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
else "corrections_needed". Samples R01..R05 exercise the rules stage (issue 3); their rule
expectations are described in `exercises` for the rules owner to pin.
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

SAMPLES_DIR = os.path.dirname(HERE)
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


def resident_id(first17):
    """GB 11643 check character (ISO 7064 MOD 11-2)."""
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    total = sum(int(c) * w for c, w in zip(first17, weights))
    return first17 + "10X98765432"[total % 11]


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
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objs, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    trailer = b"<< /Size %d /Root 1 0 R /Info 6 0 R" % (len(objs) + 1)
    if encrypted:
        trailer += (b" /Encrypt 7 0 R /ID [<0123456789ABCDEF0123456789ABCDEF>"
                    b" <0123456789ABCDEF0123456789ABCDEF>]")
    out += b"trailer\n" + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


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
            z.writestr(info, data.encode("utf-8"))
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
        return pdf_bytes(title, ["beian sample dossier %s" % tag, "material %s" % mid,
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
    if mid == "M-COM-12":
        return [("管理制度/管理运行制度.pdf", pdf("管理运行制度")),
                ("管理制度/人员管理制度.pdf", pdf("人员管理制度")),
                ("管理制度/突发事件应急预案.pdf", pdf("突发事件应急预案"))]
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
        return [("证书数据处理情况.xlsx", xlsx_bytes([["职业（工种）", "已发证书数", "已上传"],
                                                ["汽车维修工", "126", "126"]]))]
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
                                "M-COM-12"],
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
           drop=(), add=(), replace=None, subsidiaries=(), exercises=None, extra_files=()):
    return {"name": name, "kind": kind, "type": type_, "fields": fields_,
            "occupations": list(occupations), "changes": list(changes), "form": form,
            "drop": list(drop), "add": list(add), "replace": dict(replace or {}),
            "subsidiaries": list(subsidiaries), "expect": expect, "exercises": exercises,
            "extra_files": list(extra_files)}


def E(conclusion, missing=(), unreadable=(), unmatched=(), kind=None, type_=None, note=""):
    return {"conclusion": conclusion, "missing": None if missing is None else sorted(missing),
            "unreadable": None if unreadable is None else sorted(unreadable),
            "unmatched": None if unmatched is None else sorted(unmatched),
            "kind": kind, "type": type_, "note": note}


def build_samples():
    S = []
    # --- Issue 2: completeness ----------------------------------------------------------------
    S.append(sample(
        "S01-长春鼎新职业技能培训学校-首次申请", "initial", "social_org",
        fields("长春市鼎新职业技能培训学校", uscc("52220102MJ0A1B2C3"), "陈志刚",
               resident_id("22010219750312201"), "吉林省长春市南关区人民大街5688号", "长春市",
               "initial", "social_org", "餐饮服务、保育类职业技能培训", "2025年9月15日",
               "刘晓敏", "0431-85671234"),
        [("4-03-02-01", "中式烹调师", "五级/初级工、四级/中级工、三级/高级工"),
         ("4-03-02-02", "中式面点师", "五级/初级工、四级/中级工"),
         ("4-10-01-03", "保育师", "五级/初级工、四级/中级工、三级/高级工")],
        E("complete", unmatched=["机构宣传册.pdf"],
          note="complete first application, social training organisation; one extra file "
               "(宣传册) that no material claims"),
        extra_files=[("机构宣传册.pdf", pdf_bytes("机构宣传册", ["brochure"]))]))
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
                      ("吉林市江城焊接工程有限公司", "65%")]))
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
        add=["M-COM-04", "M-COM-05", "M-COM-12"]))
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
        add=["M-COM-09", "M-COM-10", "M-COM-12"]))
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
        changes=[("法定代表人", "徐长海", "宋丽华")]))
    S.append(sample(
        "S06-通化市鑫源汽车维修有限公司-终止", "termination", "employer",
        fields("通化市鑫源汽车维修有限公司", uscc("91220502MA14R7T2P"), "高树森",
               resident_id("22050219660130111"), "吉林省通化市东昌区龙泉路77号", "通化市",
               "termination", "employer", "机动车维修", "2025年10月30日", "田野", "0435-3659921",
               filing_number="吉人社认备〔2023〕031号", filing_valid_until="2026年5月31日",
               termination_reason="企业业务调整，主动申请终止备案"),
        [("4-12-01-01", "汽车维修工", "四级/中级工、三级/高级工")],
        E("complete", note="voluntary termination (Art. 10, 12, 13) with the wind-up documents")))
    S.append(sample(
        "S07-白城市瑞丰农业科技有限公司-缺件", "initial", "employer",
        fields("白城市瑞丰农业科技有限公司", uscc("91220802MA15W3X9N"), "庞玉山",
               resident_id("22080219730502171"), "吉林省白城市洮北区海明西路301号", "白城市",
               "initial", "employer", "农作物种植技术服务、农业技术推广", "2025年9月22日",
               "曲丹", "0436-3228107"),
        [("5-01-02-01", "农艺工", "五级/初级工、四级/中级工、三级/高级工")],
        E("corrections_needed", missing=["M-COM-09", "M-COM-10", "M-EMP-01"],
          note="question bank, video surveillance and incentive mechanism documents missing"),
        drop=["M-COM-09", "M-COM-10", "M-EMP-01"]))
    S.append(sample(
        "S08-辽源市巧手美容职业培训学校-附件无法读取", "initial", "social_org",
        fields("辽源市巧手美容职业培训学校", uscc("52220402MJ4N7P3Q1"), "邵春艳",
               resident_id("22040219820909262"), "吉林省辽源市龙山区东吉大路156号", "辽源市",
               "initial", "social_org", "美容、美发职业技能培训", "2025年10月16日", "邵春艳",
               "15981296630"),
        [("4-10-03-01", "美容师", "五级/初级工、四级/中级工、三级/高级工")],
        E("corrections_needed", unreadable=["M-COM-06", "M-COM-10"],
          note="收费标准.pdf is password-protected (/Encrypt); 视频监控设施情况.pdf is truncated"),
        replace={
            "收费标准.pdf": pdf_bytes("收费标准", ["fee standard"], encrypted=True),
            "视频监控设施情况.pdf": truncated_pdf_bytes("视频监控设施情况", ["video"] * 3),
        }))
    S.append(sample(
        "S09-松原市宏达物流有限公司-XML申请表", "initial", "employer",
        fields("松原市宏达物流有限公司", uscc("91220702MA16Y5A4B"), "冯立军",
               resident_id("22070219770725131"), "吉林省松原市宁江区沿江东路2099号", "松原市",
               "initial", "employer", "普通货物仓储、道路货物运输、供应链管理", "2025年9月8日",
               "赵颖", "0438-6128890"),
        [("4-02-06-01", "仓储管理员", "五级/初级工、四级/中级工、三级/高级工"),
         ("4-02-06-03", "物流服务师", "四级/中级工、三级/高级工")],
        E("complete", note="the form is 申请表.xml exported from an online system"),
        form="申请表.xml"))
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
        form="备案申请表.docx"))

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
        form=None))
    S.append(sample(
        "B04-吉林市北山茶艺职业培训学校-两份申请表", "initial", "social_org",
        fields("吉林市北山茶艺职业培训学校", uscc("52220204MJ7A4B8C5"), "林婉清",
               resident_id("22020419850316242"), "吉林省吉林市船营区北山路18号", "吉林市",
               "initial", "social_org", "茶艺、插花职业技能培训", "2025年10月12日", "林婉清",
               "13756230418"),
        [("4-03-02-07", "茶艺师", "五级/初级工、四级/中级工、三级/高级工"),
         ("4-09-10-05", "插花花艺师", "五级/初级工、四级/中级工")],
        E("corrections_needed", note="申请表.docx and 申请表.xml both present: ING-011"),
        form="申请表.docx", extra_files=[("申请表.xml", "FORM-XML")]))
    S.append(sample(
        "B05-四平市红嘴电工职业培训学校-docx不是压缩包", "initial", "social_org",
        fields("四平市红嘴电工职业培训学校", uscc("52220303MJ8D5E9F4"), "隋海峰",
               resident_id("22030319760722131"), "吉林省四平市铁东区北沟路45号", "四平市",
               "initial", "social_org", "电工职业技能培训", "2025年9月26日", "隋海峰",
               "13944487523"),
        [("6-31-01-03", "电工", "五级/初级工、四级/中级工")],
        E("corrections_needed", unreadable=["M-COM-09"],
          note="题库情况说明.docx is plain text renamed to .docx (not a zip)"),
        replace={"题库情况说明.docx": "题库情况说明（纯文本，另存为时误改扩展名）\n".encode("utf-8")}))
    S.append(sample(
        "B06-延吉市焊工之家职业技能培训学校-零字节文件", "initial", "social_org",
        fields("延吉市焊工之家职业技能培训学校", uscc("52222401MJ9G6H2J7"), "崔成浩",
               resident_id("22240119810603151"), "吉林省延边朝鲜族自治州延吉市长白路602号",
               "延边朝鲜族自治州", "initial", "social_org", "焊接职业技能培训", "2025年10月2日",
               "崔成浩", "0433-2917730"),
        [("6-18-02-04", "焊工", "五级/初级工、四级/中级工、三级/高级工")],
        E("corrections_needed", unreadable=["M-COM-11"],
          note="消防验收意见书.pdf is 0 bytes (the safety certificate beside it is fine)"),
        replace={"消防验收意见书.pdf": b""}))

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
                  "not eligible; 保育师 is fine"))
    S.append(sample(
        "R02-吉林市江城烹饪职业培训学校-职业名称近似", "initial", "social_org",
        fields("吉林市江城烹饪职业培训学校", uscc("52220203MK1P8Q4R9"), "侯德旺",
               resident_id("22020319710828171"), "吉林省吉林市龙潭区遵义东路98号", "吉林市",
               "initial", "social_org", "餐饮烹饪职业技能培训", "2025年10月27日", "侯德旺",
               "0432-62035518"),
        [("4-03-02-01", "中式烹饪师", "五级/初级工、四级/中级工、三级/高级工")],
        E("complete", note="materials complete"),
        exercises="occupation name 中式烹饪师 is a near miss of 4-03-02-01 中式烹调师: review, "
                  "suggest the catalogue name"))
    S.append(sample(
        "R03-四平市金穗农机职业培训学校-信用代码校验位错误", "initial", "social_org",
        fields("四平市金穗农机职业培训学校", uscc("52220322MK2T9U5W1", corrupt=True), "闫福来",
               resident_id("22032219670314191"), "吉林省四平市梨树县梨树镇霍家店路12号", "四平市",
               "initial", "social_org", "农业机械操作与维修职业技能培训", "2025年9月29日",
               "闫福来", "13894456021"),
        [("5-01-02-01", "农艺工", "五级/初级工、四级/中级工")],
        E("complete", note="materials complete"),
        exercises="unified_credit_code has a wrong GB 32100 check digit (EXT-011, review)"))
    S.append(sample(
        "R04-长春市蓝天电梯职业培训学校-续期申请逾期", "renewal", "social_org",
        fields("长春市蓝天电梯职业培训学校", uscc("52220106MK3X1Y6A2"), "彭国庆",
               resident_id("22010619740519151"), "吉林省长春市绿园区青年路3399号", "长春市",
               "renewal", "social_org", "电梯安装维修职业技能培训", "2025年12月20日", "彭国庆",
               "0431-87912034", filing_number="吉人社认备〔2023〕009号",
               filing_valid_until="2026年1月31日"),
        [("6-29-03-03", "电梯安装维修工", "五级/初级工、四级/中级工、三级/高级工")],
        E("complete", note="materials complete"),
        exercises="Art. 9: renewal must be filed at least three months before expiry "
                  "(2026-01-31 -> by 2025-10-31); filed 2025-12-20: too late"))
    S.append(sample(
        "R05-吉林省现代职业技能评价中心-省属机构", "initial", "social_org",
        fields("吉林省现代职业技能评价中心", uscc("12220000MB0C2D7E4"), "吕振东",
               resident_id("22010319650211131"), "吉林省长春市朝阳区人民大街3366号", "长春市",
               "initial", "social_org", "职业技能培训与评价服务", "2025年10月10日", "吕振东",
               "0431-88906677", affiliation="省属"),
        [("4-07-03-04", "企业人力资源管理师", "四级/中级工、三级/高级工、二级/技师")],
        E("complete", note="materials complete"),
        exercises="Art. 4: 省属 institutions file with 吉林省人力资源和社会保障厅, not the city: "
                  "wrong authority for a city intake"))
    return S


def write_dossier(root, d):
    folder = os.path.join(root, d["name"])
    os.makedirs(folder)
    ids = [m for m in COMPLETE[(d["kind"], d["type"])] if m not in d["drop"]] + d["add"]
    files = []
    for mid in ids:
        files += material_files(mid, d)
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
        rel = numbers.get(rel, rel)
        path = os.path.join(folder, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data)
    forms = [d["form"]] if d["form"] else []
    forms += [p for p, b in d["extra_files"] if b == "FORM-XML"]
    for form in forms:
        form_writer.write_form(os.path.join(folder, form), d["fields"], d["occupations"],
                               d["changes"])


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

    # B01: a stray file directly in the intake (not a folder).
    stray = "B01-散落文件-申请报告.pdf"
    with open(os.path.join(intake, stray), "wb") as f:
        f.write(pdf_bytes("申请报告", ["a stray file dropped into the intake folder"]))
    expected[stray] = {
        "kind": "unknown", "applicant_type": "unknown", "missing": None, "unreadable": None,
        "unmatched": None, "conclusion": "corrections_needed", "report": True,
        "note": "not a folder: ING-001; materials not compared", "exercises": None}
    # B02: an empty folder (the .gitkeep that lets git store it is ignored by ingest).
    empty = os.path.join(intake, "B02-空文件夹")
    os.makedirs(empty)
    with open(os.path.join(empty, ".gitkeep"), "wb"):
        pass
    expected["B02-空文件夹"] = {
        "kind": "unknown", "applicant_type": "unknown", "missing": None, "unreadable": None,
        "unmatched": None, "conclusion": "corrections_needed", "report": True,
        "note": "empty folder: ING-003; materials not compared", "exercises": None}

    doc = {
        "_comment": "Expected outcome of every samples/intake entry. Generated by "
                    "samples/gen/make_samples.py; do not edit by hand. missing = required "
                    "materials with status missing; unreadable = materials with status "
                    "unreadable; unmatched = unmatched_files; null = not compared. conclusion "
                    "is the completeness-stage verdict (issue 2): complete | "
                    "corrections_needed.",
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
        "    python3 samples/gen/make_samples.py           # rewrite intake/, expected.json, README.md",
        "    python3 samples/gen/make_samples.py --check   # exit 1 if the committed files differ",
        "",
        "S = completeness cases (issue 2), B = bad intake entries, R = rules cases (issue 3:",
        "materials complete, the form carries the problem). `conclusion` is the completeness-stage",
        "verdict; missing = required materials missing; — = not compared.",
        "",
        "| dossier | kind | applicant type | missing | unreadable | conclusion | what it shows |",
        "|---|---|---|---|---|---|---|",
    ]
    for name in sorted(expected):
        e = expected[name]
        what = e["note"] + (("; rules: " + e["exercises"]) if e["exercises"] else "")
        lines.append("| %s | %s | %s | %s | %s | %s | %s |" % (
            name, e["kind"], e["applicant_type"], ids(e["missing"]), ids(e["unreadable"]),
            e["conclusion"], what.replace("|", "/")))
    with open(os.path.join(samples_dir, "README.md"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")


def _tree_equal(a, b):
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
            same = (_tree_equal(os.path.join(tmp, "intake"), os.path.join(SAMPLES_DIR, "intake"))
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
