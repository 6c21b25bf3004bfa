#!/usr/bin/env python3
"""Writes the committed "office forms" fixtures of issue 22 (run from the repo root):

    python3 tests/ingest/testdata/office_forms/make_office_forms.py [NAME ...]

(NAMEs, without .docx, remake only those fixtures.)

Most fixtures are made by real office software: this script writes each form as a flat ODF text
document (.fodt) and LibreOffice (Debian 12: 7.4, `soffice --headless --convert-to docx`) saves
it as .docx, as applicants' word processors do. Only the outputs are committed, so CI needs no
LibreOffice; rerun this script after changing it (apt-get install libreoffice-writer-nogui).

Content controls (w:sdt) are a Word/WPS structure LibreOffice 7.4 does not write from ODF: the
fixture 内容控件.docx is hand-built WordprocessingML (the zip writer of
../real_forms/make_real_forms.py), said so here.

Each fixture's expected reading is in tests/e2e/office_forms_test.cc.
"""
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "real_forms"))
import make_real_forms as hand  # noqa: E402  (the hand-built WordprocessingML writer)

NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
      'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
      'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
      'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
      'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
      'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
      'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"')
STYLES = ('<office:automatic-styles>'
          '<style:style style:name="U" style:family="text"><style:text-properties '
          'style:text-underline-style="solid" style:text-underline-width="auto" '
          'style:text-underline-color="font-color"/></style:style>'
          '<style:style style:name="PB" style:family="paragraph"><style:paragraph-properties '
          'fo:break-before="page"/></style:style>'
          '</office:automatic-styles>')


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def p(text="", style=None, raw=""):
    """A paragraph of `text`, then `raw` ODF markup (spans, frames)."""
    attr = f' text:style-name="{style}"' if style else ""
    return f"<text:p{attr}>{esc(text)}{raw}</text:p>"


def underlined(text):
    return f'<text:span text:style-name="U">{esc(text)}</text:span>'


def cell(c):
    """A str, None (covered by a merge above or to the left) or (text, rows, cols)."""
    if c is None:
        return "<table:covered-table-cell/>"
    rows, cols = 1, 1
    if isinstance(c, tuple):
        c, rows, cols = c
    attr = ""
    if rows > 1:
        attr += f' table:number-rows-spanned="{rows}"'
    if cols > 1:
        attr += f' table:number-columns-spanned="{cols}"'
    return f'<table:table-cell office:value-type="string"{attr}>{p(c)}</table:table-cell>'


def table(rows, name):
    width = max(len(r) for r in rows)
    out = [f'<table:table table:name="{name}"><table:table-column table:number-columns-repeated="{width}"/>']
    for r in rows:
        out.append("<table:table-row>" + "".join(cell(c) for c in r) + "</table:table-row>")
    out.append("</table:table>")
    return "".join(out)


def uscc(body17):
    """A unified social credit code with its check character (GB 32100-2015)."""
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
    total = sum(alphabet.index(ch) * w for ch, w in zip(body17, weights))
    return body17 + alphabet[(31 - total % 31) % 31]


CODE = uscc("52220000MJ1234567")

BASIC = [
    ("机构名称", "吉林省松花江职业技能培训中心"),
    ("统一社会信用代码", CODE),
    ("法定代表人", "韩立新"),
    ("注册地址", "吉林省吉林市船营区解放北路88号"),
    ("所在地区", "吉林市"),
    ("申请类型", "☑首次申请 ☐增加职业（工种） ☐变更 ☐续期 ☐终止"),
    ("机构类型", "☑用人单位 ☐社会培训评价组织"),
    ("隶属关系", "☐中直驻省 ☑省属 ☐市（州）属及以下"),
    ("联系人", "孙丽"),
    ("联系电话", "0432-62001234"),
    ("申请日期", "2026年10月8日"),
    ("主营业务", "职业技能培训"),
]


def basic(**override):
    rows = []
    for k, v in BASIC:
        v = override.get(k, v)
        if v is not None:
            rows.append([k, v])
    for k, v in override.items():
        if k not in dict(BASIC):
            rows.append([k, v])
    return table(rows, "基本情况")


OCC_HEADER = ["序号", "职业编码", "职业（工种）名称", "申报等级"]
SIMPLE_OCC = table([OCC_HEADER, ["1", "4-03-02-01", "中式烹调师", "五级至三级"]], "职业")


def fodt(body):
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document {NS} office:version="1.3" '
            f'office:mimetype="application/vnd.oasis.opendocument.text">{STYLES}'
            f"<office:body><office:text>{body}</office:text></office:body></office:document>")


def office_made():
    """name -> .fodt body of every LibreOffice-made fixture."""
    f = {}
    # Values typed on the printed blank; a 法定代表人 that is only the blank; a name typed between
    # underlined spaces.
    f["下划线空白"] = (
        p("职业技能等级认定机构备案申请表")
        + basic(**{"统一社会信用代码": "＿＿" + CODE + "＿＿＿＿",
                   "法定代表人": "＿＿＿＿＿＿＿＿",
                   "联系人": None})
        + p("联系人：", raw=underlined("　　孙丽　　　　"))
        + SIMPLE_OCC)
    # Signature and seal lines at the foot; a date with its seal mark.
    f["签字盖章行"] = (
        basic(**{"申请日期": "2025年10月15日（盖章）"})
        + SIMPLE_OCC
        + p("法定代表人（签字）：＿＿＿＿＿＿＿＿　　　　（单位盖章）")
        + p("日期：　　　　年　　月　　日"))
    # Not-applicable cells of an initial application.
    f["不适用"] = (
        basic(**{"原备案编号": "/", "备案有效期至": "——", "终止原因": "无", "专家人数": "/"})
        + SIMPLE_OCC)
    # One row per level: 序号, code and name merged down over the levels of one occupation; a
    # second occupation whose level rows leave the key cells empty; a level cell 三级、四级.
    f["职业表合并行"] = basic() + table([
        OCC_HEADER,
        [("1", 3, 1), ("4-03-02-01", 3, 1), ("中式烹调师", 3, 1), "五级"],
        [None, None, None, "四级"],
        [None, None, None, "三级"],
        ["2", "4-10-01-03", "保育师", "五级"],
        ["", "", "", "三级、四级"],
        [("3", 2, 1), ("4-03-02-02", 2, 1), ("中式面点师", 2, 1), "五级"],
        [None, None, None, "四级"],
    ], "职业")
    # A table that goes on after a page break under a （续表） caption, and once more without
    # any header after the next page break.
    rows = [["1", "4-03-02-01", "中式烹调师", "五级"], ["2", "4-03-02-02", "中式面点师", "四级"],
            ["3", "4-03-02-03", "西式烹调师", "四级"], ["4", "4-03-02-04", "西式面点师", "五级"],
            ["5", "4-10-01-03", "保育师", "四级"], ["6", "4-10-01-01", "婴幼儿发展引导员", "五级"],
            ["7", "4-01-06-01", "电子商务师", "三级"], ["8", "4-02-06-03", "物流服务师", "四级"]]
    f["职业表续表"] = (
        basic() + p("拟认定职业（工种）") + table([OCC_HEADER] + rows[:5], "职业")
        + p("（续表）", style="PB") + table(rows[5:7], "职业续")
        + p("", style="PB") + table(rows[7:], "职业续2"))
    # Header spellings of other forms; code and name in one cell; 大典's S and L marks.
    f["职业表表头变体"] = basic() + table([
        ["序号", "职业代码", "工种（职业）名称", "拟认定等级"],
        ["1", "", "4-03-02-01中式烹调师", "四级"],
        ["2", "4-01-06-01", "电子商务师S", "三级"],
        ["3", "4-02-06-03", "物流服务师L", "四级"],
    ], "职业")
    # One tick column per level, one tick merged over 四级 and 三级.
    f["职业表跨级合并"] = basic() + table([
        ["序号", "职业编码", "职业名称", "五级", "四级", "三级", "二级", "一级"],
        ["1", "4-03-02-01", "中式烹调师", "", ("√", 1, 2), None, "", ""],
        ["2", "4-10-01-03", "保育师", "√", "", "", "", ""],
    ], "职业")
    # An occupations table whose header beian does not know.
    f["职业表无法识别"] = basic() + table([
        ["项目", "内容", "说明"],
        ["1", "4-03-02-01 中式烹调师", "五级至三级"],
    ], "职业")
    # The occupations table typed in a text box (LibreOffice writes a frame as a DrawingML
    # text box in mc:AlternateContent with a VML fallback, both holding w:txbxContent).
    box_table = table([OCC_HEADER, ["1", "4-03-02-01", "中式烹调师", "五级至三级"],
                       ["2", "4-10-01-03", "保育师", "四级"]], "文本框职业")
    f["文本框职业表"] = basic() + p(raw=
        '<draw:frame draw:name="职业框" text:anchor-type="paragraph" svg:width="16cm" '
        f'svg:height="4cm"><draw:text-box>{box_table}</draw:text-box></draw:frame>')
    return f


def content_controls():
    """Word/WPS content controls, hand-built (LibreOffice 7.4 does not write them from ODF)."""
    def sdt(inner, pr=""):
        return f"<w:sdt><w:sdtPr>{pr}</w:sdtPr><w:sdtContent>{inner}</w:sdtContent></w:sdt>"
    # WPS leaves the placeholder text without w:showingPlcHdr.
    placeholder = hand.cell(hand.para(sdt(hand.run("单击或点击此处输入文字。"),
                                          '<w:alias w:val="法定代表人"/><w:text/>')))
    name = hand.cell(hand.para(sdt(hand.run("吉林省松花江职业技能培训中心"), "<w:text/>")))
    date = hand.cell(hand.para(sdt(hand.run("2025年10月15日"),
                                   '<w:date w:fullDate="2025-10-15T00:00:00Z"><w:dateFormat '
                                   'w:val="yyyy\'年\'M\'月\'d\'日\'"/></w:date>')))
    contact = hand.cell(hand.para(sdt(hand.run("孙丽"), '<w:dropDownList><w:listItem '
                                      'w:displayText="孙丽" w:value="孙丽"/><w:listItem '
                                      'w:displayText="赵志强" w:value="赵志强"/></w:dropDownList>')))
    # A whole cell as a content control (block-level w:sdt around the paragraph).
    address = "<w:tc>" + sdt(hand.para(hand.run("吉林省吉林市船营区解放北路88号"))) + "</w:tc>"
    rows = [("机构名称", name), ("法定代表人", placeholder), ("申请日期", date),
            ("联系人", contact), ("注册地址", address)]
    rows += [(k, v) for k, v in hand.BASIC if k not in dict(rows)]
    body = hand.basic_table("☑首次申请", "☑用人单位", "☑省属", basic=rows) + hand.occupation_table(
        hand.SIMPLE_OCC)
    hand.HERE = HERE
    hand.write_docx("内容控件.docx", hand.document(body))


def main():
    soffice = shutil.which("soffice")
    if soffice is None:
        sys.exit("soffice not found: apt-get install libreoffice-writer-nogui")
    only = set(sys.argv[1:])  # fixture names to remake (default: all)
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for name, body in office_made().items():
            if only and name not in only:
                continue
            path = os.path.join(tmp, name + ".fodt")
            with open(path, "w", encoding="utf-8") as out:
                out.write(fodt(body))
            paths.append(path)
        subprocess.run([soffice, f"-env:UserInstallation=file://{tmp}/profile", "--headless",
                        "--convert-to", "docx", "--outdir", HERE] + paths, check=True,
                       stdout=subprocess.DEVNULL)
    if not only or "内容控件" in only:
        content_controls()


if __name__ == "__main__":
    main()
