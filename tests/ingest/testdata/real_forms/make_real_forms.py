#!/usr/bin/env python3
"""Writes the committed "real forms" fixtures (run from the repo root):

    python3 tests/ingest/testdata/real_forms/make_real_forms.py

A writer of its own, independent of samples/gen/form_writer.py: WordprocessingML and XML built
as strings the way other office suites and online systems save them (check marks typed or as
check-box controls, tracked changes, placeholders, another main part name, namespace prefixes,
GBK and UTF-16 XML, occupation tables typed by hand). Each fixture's expected outcome is in
tests/e2e/real_forms_test.cc. Output is deterministic (fixed zip timestamps).
"""
import os
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def run(text, p="w"):
    return f'<{p}:r><{p}:t xml:space="preserve">{esc(text)}</{p}:t></{p}:r>'


def para(*runs, p="w"):
    return f"<{p}:p>" + "".join(runs) + f"</{p}:p>"


def cell(content, p="w", span=1, vmerge=None):
    """`content`: a str (one paragraph), a list of str (paragraphs) or raw XML (starts '<')."""
    pr = ""
    if span > 1 or vmerge is not None:
        pr = f"<{p}:tcPr>"
        if span > 1:
            pr += f'<{p}:gridSpan {p}:val="{span}"/>'
        if vmerge == "restart":
            pr += f'<{p}:vMerge {p}:val="restart"/>'
        elif vmerge == "continue":
            pr += f"<{p}:vMerge/>"
        pr += f"</{p}:tcPr>"
    if isinstance(content, list):
        body = "".join(para(run(t, p), p=p) for t in content)
    elif content.startswith("<"):
        body = content
    else:
        body = para(run(content, p), p=p) if content else f"<{p}:p/>"
    return f"<{p}:tc>{pr}{body}</{p}:tc>"


def row(*cells, p="w"):
    return f"<{p}:tr>" + "".join(c if c.startswith(f"<{p}:tc") else cell(c, p) for c in cells) + f"</{p}:tr>"


def table(*rows, p="w"):
    return f"<{p}:tbl><{p}:tblPr/>" + "".join(rows) + f"</{p}:tbl>"


BASIC = [
    ("机构名称", "吉林省松花江职业技能培训中心"),
    ("统一社会信用代码", "52220000MJ1234567X"),
    ("法定代表人", "赵志强"),
    ("注册地址", "吉林省吉林市船营区解放北路88号"),
    ("所在地区", "吉林市"),
    ("联系人", "孙丽"),
    ("联系电话", "0432-62001234"),
    ("申请日期", "2026年10月8日"),
    ("主营业务", "职业技能培训"),
]

KIND_OPTIONS = ["首次申请", "增加职业（工种）", "变更", "续期", "终止"]
TYPE_OPTIONS = ["用人单位", "社会培训评价组织"]
AFFILIATION_OPTIONS = ["中直驻省", "省属", "市（州）属及以下"]


def marks(options, chosen, on="☑", off="☐", after=False, sep=" "):
    parts = []
    for o in options:
        m = on if o in chosen else off
        parts.append(f"{o}{m}" if after else f"{m}{o}")
    return sep.join(parts)


def basic_table(kind, applicant_type, affiliation, extra=(), basic=BASIC, p="w"):
    rows = [row(cell(k, p), v if v.startswith(f"<{p}:tc") else cell(v, p), p=p) for k, v in basic]
    rows.append(row(cell("申请类型", p), kind if kind.startswith(f"<{p}:tc") else cell(kind, p), p=p))
    rows.append(row(cell("机构类型", p), applicant_type if applicant_type.startswith(f"<{p}:tc") else cell(applicant_type, p), p=p))
    rows.append(row(cell("隶属关系", p), affiliation if affiliation.startswith(f"<{p}:tc") else cell(affiliation, p), p=p))
    rows.extend(extra)
    return table(*rows, p=p)


OCC_HEADER = ["序号", "职业编码", "职业（工种）名称", "申报等级"]


def occupation_table(rows, header=OCC_HEADER, p="w"):
    out = [row(*[cell(h, p) for h in header], p=p)] if header else []
    for r in rows:
        out.append(row(*[c if c.startswith(f"<{p}:tc") else cell(c, p) for c in r], p=p))
    return table(*out, p=p)


SIMPLE_OCC = [["1", "4-03-02-01", "中式烹调师", "五级至三级"]]


def document(body, p="w", extra_ns=""):
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<{p}:document xmlns:{p}="{W}"{extra_ns}><{p}:body>{body}'
            f'<{p}:sectPr/></{p}:body></{p}:document>')


def write_docx(name, document_xml, part="word/document.xml"):
    content_types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/{part}" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        "</Types>")
    rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="{part}"/>'
        "</Relationships>")
    path = os.path.join(HERE, name)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in (("[Content_Types].xml", content_types), ("_rels/.rels", rels), (part, document_xml)):
            info = zipfile.ZipInfo(n, date_time=(2026, 10, 8, 9, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data.encode("utf-8"))


def sdt_checkbox(checked):
    """A Word 2010 check-box content control showing ☒ or ☐."""
    glyph = "☒" if checked else "☐"
    return (f'<w:sdt><w:sdtPr><w14:checkbox><w14:checked w14:val="{1 if checked else 0}"/>'
            f'</w14:checkbox></w:sdtPr><w:sdtContent>{run(glyph)}</w:sdtContent></w:sdt>')


def legacy_checkbox(checked):
    """A legacy form-field check box (FORMCHECKBOX)."""
    return ('<w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="Check1"/>'
            f'<w:checkBox><w:sizeAuto/><w:default w:val="{1 if checked else 0}"/></w:checkBox>'
            '</w:ffData></w:fldChar></w:r><w:r><w:instrText> FORMCHECKBOX </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>')


def main():
    # 1. Ticked boxes before the options (☑ chosen, ☐ not).
    write_docx("勾选框前置.docx", document(
        basic_table(marks(KIND_OPTIONS, ["首次申请"]), marks(TYPE_OPTIONS, ["用人单位"]),
                    marks(AFFILIATION_OPTIONS, ["省属"], off="□"))
        + occupation_table(SIMPLE_OCC)))
    # 2. √ / ✓ typed after the chosen option only, the others bare.
    write_docx("对勾后置.docx", document(
        basic_table("首次申请√ 增加职业（工种） 变更 续期 终止",
                    "用人单位 ✓ 社会培训评价组织", "中直驻省  省属√  市（州）属及以下")
        + occupation_table(SIMPLE_OCC)))
    # 3. Nothing ticked in 申请类型.
    write_docx("未勾选.docx", document(
        basic_table(marks(KIND_OPTIONS, []), marks(TYPE_OPTIONS, ["用人单位"]),
                    marks(AFFILIATION_OPTIONS, ["省属"]))
        + occupation_table(SIMPLE_OCC)))
    # 4. Two kinds ticked.
    write_docx("多项勾选.docx", document(
        basic_table(marks(KIND_OPTIONS, ["首次申请", "变更"]), marks(TYPE_OPTIONS, ["用人单位"]),
                    marks(AFFILIATION_OPTIONS, ["省属"]))
        + occupation_table(SIMPLE_OCC)))
    # 5. Check-box content controls (☒) and legacy check-box fields.
    kind = cell(para(sdt_checkbox(False), run("首次申请 "), sdt_checkbox(True), run("增加职业（工种） "),
                     sdt_checkbox(False), run("变更")))
    applicant = cell(para(legacy_checkbox(False), run("用人单位 "), legacy_checkbox(True),
                          run("社会培训评价组织")))
    affiliation = cell(para(legacy_checkbox(False), run("中直驻省 "), legacy_checkbox(False),
                            run("省属 "), legacy_checkbox(True), run("市（州）属及以下")))
    write_docx("复选框控件.docx", document(
        basic_table(kind, applicant, affiliation) + occupation_table(SIMPLE_OCC)))
    # 6. Tracked changes and a placeholder content control.
    name = cell(para('<w:del w:id="1" w:author="a"><w:r><w:delText>旧名称培训学校</w:delText></w:r></w:del>',
                     '<w:ins w:id="2" w:author="a">' + run("吉林省松花江职业技能培训中心") + "</w:ins>",
                     '<w:moveFrom w:id="3" w:author="a">' + run("（已移走）") + "</w:moveFrom>"))
    placeholder = cell(para('<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>'
                            + run("单击或点击此处输入文字。") + "</w:sdtContent></w:sdt>"))
    basic = [("机构名称", name), ("法定代表人", placeholder)] + [
        (k, v) for k, v in BASIC if k not in ("机构名称", "法定代表人")]
    write_docx("修订与占位符.docx", document(
        basic_table(marks(KIND_OPTIONS, ["首次申请"]), marks(TYPE_OPTIONS, ["用人单位"]),
                    marks(AFFILIATION_OPTIONS, ["省属"]), basic=basic)
        + occupation_table(SIMPLE_OCC)))
    # 7. The main part is not word/document.xml, and the prefix is not w:.
    write_docx("主部件另名.docx", document(
        basic_table("首次申请", "用人单位", "省属", p="x")
        + occupation_table(SIMPLE_OCC, p="x"), p="x"), part="word/document2.xml")
    # 8. A value typed over two paragraphs / with a soft line break inside Chinese text.
    basic = [("机构名称", cell(["中培华测", "（北京）职业技能培训中心"])),
             ("注册地址", cell(para(run("吉林省吉林市船营区"), "<w:r><w:br/></w:r>", run("解放北路88号"))))] + [
        (k, v) for k, v in BASIC if k not in ("机构名称", "注册地址")]
    write_docx("两行填写.docx", document(
        basic_table("首次申请", "用人单位", "省属", basic=basic) + occupation_table(SIMPLE_OCC)))
    # 9. Occupation table as people type it: header variants, level expressions, a merged level
    # cell, a code typed in the name cell, 以下空白/合计/blank rows, and a continuation table
    # without header (Word split the table across pages).
    occ1 = [
        ["1", "4-03-02-01", "中式烹调师", "初、中、高级"],
        ["2", "4-10-01-03", "保育师", cell("四级及以下", vmerge="restart")],
        ["3", "4-10-01-01", "婴幼儿发展引导员", cell("", vmerge="continue")],
        ["4", "中式面点师", "4-03-02-02", "职业技能等级四级"],
        ["", "", "", ""],
    ]
    occ2 = [
        ["5", "4-03-02-03", "西式烹调师", "初中级"],
        ["6", "西式面点师", "4-03-02-04", "五级"],
        [cell("以下空白", span=4)],
        ["合计", "", "6个职业", ""],
    ]
    write_docx("职业表手填.docx", document(
        basic_table("首次申请", "用人单位", "省属")
        + occupation_table(occ1, header=["序号", "职业代码", "职业(工种)", "等级"])
        + para("")
        + occupation_table(occ2, header=None)))
    # 10. One tick column per level, under a merged 申报等级 header.
    header1 = row(cell("序号", vmerge="restart"), cell("职业编码", vmerge="restart"),
                  cell("工种名称", vmerge="restart"), cell("申报等级", span=5))
    header2 = row(cell("", vmerge="continue"), cell("", vmerge="continue"), cell("", vmerge="continue"),
                  "五级", "四级", "三级", "二级", "一级")
    ticks = [row("1", "4-03-02-01", "中式烹调师", "✓", "✓", "✓", "", ""),
             row("2", "4-10-01-03", "保育师", "", "√", "", "", ""),
             row("", "", "", "", "", "", "", "")]
    write_docx("职业表勾选等级.docx", document(
        basic_table("首次申请", "用人单位", "省属") + table(header1, header2, *ticks)))

    # XML forms.
    fields = "".join(f"<{k}>{esc(v)}</{k}>" for k, v in [
        ("institution_name", "吉林省松花江职业技能培训中心"), ("unified_credit_code", "52220000MJ1234567X"),
        ("legal_representative", "赵志强"), ("registered_address", "吉林省吉林市船营区解放北路88号"),
        ("region", "吉林市"), ("contact_person", "孙丽"), ("contact_phone", "0432-62001234"),
        ("application_date", "2026年10月8日"), ("main_business", "职业技能培训"),
        ("application_kind", "首次申请"), ("applicant_type", "用人单位"), ("affiliation", "省属")])
    occ = '<occupations><occupation seq="1" code="4-03-02-01" name="中式烹调师" levels="五级至三级"/></occupations>'
    body = f"<application>{fields}{occ}</application>"
    with open(os.path.join(HERE, "申请表_GBK.xml"), "wb") as f:
        f.write(('<?xml version="1.0" encoding="GBK"?>\n' + body + "\n").encode("gbk"))
    with open(os.path.join(HERE, "申请表_GB18030.xml"), "wb") as f:
        f.write(("<?xml version='1.0' encoding='gb18030'?>\n" + body + "\n").encode("gb18030"))
    with open(os.path.join(HERE, "申请表_UTF16.xml"), "wb") as f:
        f.write(('<?xml version="1.0" encoding="UTF-16"?>\n' + body + "\n").encode("utf-16"))
    prefixed = body.replace("<", "<ns:").replace("<ns:/", "</ns:").replace(
        "<ns:application>", '<ns:application xmlns:ns="urn:jl:beian:application">', 1)
    with open(os.path.join(HERE, "申请表_前缀.xml"), "wb") as f:
        f.write(('<?xml version="1.0" encoding="UTF-8"?>\n' + prefixed + "\n").encode("utf-8"))


if __name__ == "__main__":
    main()
