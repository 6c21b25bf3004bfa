#!/usr/bin/env python3
"""Writes the credit-list fixtures of tests/crosscheck/credit_list_test.cc and
tests/e2e/credit_list_e2e_test.cc (committed; re-run after editing ROWS):

    python3 tests/crosscheck/testdata/make_credit_lists.py

信用名单.csv   UTF-8 with BOM, quoted fields; lists S01 (长春鼎新) by its credit code.
信用名单（分类）.csv  with the 类别 column: S01 by its credit code on the 终止备案 list, another
              institution on the 严重失信 list.
信用名单.xlsx  first sheet: headings as shared strings (with a rich-text run), one name as an
              inline string, a date typed into Excel (serial number); S01's name appears with a
              different legal representative only, so S01 does not match.
All entries are synthetic; none names a real institution's record.
"""
import csv
import io
import os
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
HEAD = ["统一社会信用代码", "名称", "法定代表人", "来源", "日期", "备注"]
CSV_ROWS = [
    ["52220102MJ0A1B2C32", "长春市鼎新职业技能培训学校", "陈志刚", "吉林省人社厅终止备案机构名单", "2026-03-01", "示例"],
    ["", "吉林市示例评价中心", "王五", "信用中国（吉林）", "2026-05-20", "名称, 含逗号"],
]

TYPED_HEAD = ["类别", "统一社会信用代码", "名称", "法定代表人", "来源", "日期"]
TYPED_ROWS = [
    ["严重失信", "91220101MA0000000X", "长春市示例培训有限公司", "赵六", "信用中国（吉林）", "2026-05-20"],
    ["终止备案", "52220102MJ0A1B2C32", "长春市鼎新职业技能培训学校", "陈志刚", "吉林省人社厅终止备案机构名单", "2026-03-01"],
]


def write_csv(name, head, rows):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(head)
    for r in rows:
        w.writerow(r)
    with open(os.path.join(HERE, name), "w", encoding="utf-8-sig", newline="") as f:
        f.write(buf.getvalue())


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def write_xlsx():
    shared = ["统一社会信用代码", "名称", "法定代表人", "来源", "日期",
              "长春市鼎新职业技能培训学校", "李某某", "信用中国（吉林）", "91220101MA0000000X"]
    sst = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
           '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">'
           % (len(shared), len(shared))]
    for i, s in enumerate(shared):
        if i == 3:  # 来源 as two rich-text runs plus a phonetic hint that must be ignored
            sst.append('<si><r><t>来</t></r><r><rPr><b/></rPr><t>源</t></r><rPh sb="0" eb="1"><t>lai</t></rPh></si>')
        else:
            sst.append("<si><t>%s</t></si>" % esc(s))
    sst.append("</sst>")
    def s_cell(ref, idx):
        return '<c r="%s" t="s"><v>%d</v></c>' % (ref, idx)
    def inline(ref, text):
        return '<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, esc(text))
    def num(ref, v):
        return '<c r="%s"><v>%s</v></c>' % (ref, v)
    rows = [
        '<row r="1">%s</row>' % "".join(s_cell(c + "1", i) for c, i in zip("ABCDE", range(5))),
        # row 2: S01's name with another legal representative; date 2026-04-15 as a serial
        '<row r="2">%s%s%s%s</row>' % (s_cell("B2", 5), s_cell("C2", 6), s_cell("D2", 7), num("E2", 46127)),
        # row 4 (row 3 empty): another code, name as inline string
        '<row r="4">%s%s%s%s%s</row>' % (s_cell("A4", 8), inline("B4", "长春市示例培训有限公司"),
                                          inline("C4", "赵六"), s_cell("D4", 7), num("E4", 46127)),
    ]
    sheet = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
             '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             '<sheetData>%s</sheetData></worksheet>' % "".join(rows))
    workbook = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                '<sheets><sheet name="名单" sheetId="1" r:id="rId1"/></sheets></workbook>')
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/名单.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
            '</Relationships>')
    types = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
             '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             '<Default Extension="xml" ContentType="application/xml"/>'
             '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
             '</Types>')
    path = os.path.join(HERE, "信用名单.xlsx")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in [("[Content_Types].xml", types), ("xl/workbook.xml", workbook),
                           ("xl/_rels/workbook.xml.rels", rels),
                           ("xl/sharedStrings.xml", "".join(sst)),
                           ("xl/worksheets/名单.xml", sheet)]:
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)


if __name__ == "__main__":
    write_csv("信用名单.csv", HEAD, CSV_ROWS)
    write_csv("信用名单（分类）.csv", TYPED_HEAD, TYPED_ROWS)
    write_xlsx()
