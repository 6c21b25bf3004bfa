#!/usr/bin/env python3
"""Regenerates the committed ingest test files (run from the repo root):

    python3 tests/ingest/testdata/make_testdata.py

Files that cannot be committed portably (symlinks, non-UTF-8 names) are made at test time by
the C++ tests. Output is deterministic.
"""
import os
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "samples", "gen"))
import form_writer  # noqa: E402

FIELDS = {
    "institution_name": "吉林省长白山职业技能培训学校",
    "unified_credit_code": "52220000MJ1234567X",
    "legal_representative": "王建国",
    "legal_representative_id": "220102198001011234",
    "applicant_type": "社会培训评价组织",
    "registered_address": "吉林省长春市朝阳区人民大街1000号",
    "affiliation": "省属",
    "region": "长春市",
    "application_kind": "首次申请",
    "application_date": "2025年6月1日",
    "contact_person": "李娜",
    "contact_phone": "0431-88889999",
    "main_business": "职业技能培训",
    "fee_publication": "已在官网公布",
    "fulltime_staff_count": "12",
    "expert_count": "5",
    "assessor_count": "20",
    "supervisor_count": "3",
    "exam_sites": "长春市朝阳区人民大街1000号实训楼",
    "video_surveillance": "有",
    "question_bank": "自有题库",
}
OCCUPATIONS = [
    ("4-04-05-01", "计算机程序设计员", "三级/高级工"),
    ("4-10-01-01", "保育师", "四级/中级工、三级/高级工"),
]
CHANGES = [("机构名称", "吉林省长白山培训学校", "吉林省长白山职业技能培训学校")]


def zip_parts(path, parts):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)


def main():
    forms = os.path.join(HERE, "forms")
    form_writer.write_form(os.path.join(forms, "标准申请表.docx"), FIELDS, OCCUPATIONS, CHANGES)
    form_writer.write_form(os.path.join(forms, "申请表.xml"), FIELDS, OCCUPATIONS, CHANGES)
    # Real-world variants: synonyms, spaced and full-width labels with colons, runs split
    # mid-label, one pair per row, the basic table nested in an outer table, an unknown label.
    form_writer.write_form(
        os.path.join(forms, "变体申请表.docx"), FIELDS, OCCUPATIONS, (),
        labels={"institution_name": "单 位 名 称：",
                "unified_credit_code": "社会信用代码:",
                "contact_phone": "联系电话（手机）",
                "expert_count": "专家人数：",
                "legal_representative": "*法定代表人"},
        layout="single", split_runs=True, nested=True,
        extra_rows=[("备注说明", "无")], blank_rows=4)

    # Health fixtures (ok / broken variants are derived from these at test time).
    health = os.path.join(HERE, "health")
    os.makedirs(health, exist_ok=True)
    ct = form_writer.CONTENT_TYPES
    zip_parts(os.path.join(health, "ok.xlsx"), [
        ("[Content_Types].xml", ct),
        ("xl/workbook.xml", '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>'),
    ])
    # A zip bomb in miniature: 4 MiB of spaces in word/document.xml, a few KiB on disk.
    zip_parts(os.path.join(health, "bomb.docx"), [
        ("[Content_Types].xml", ct),
        ("word/document.xml", "<w:document>" + " " * (4 << 20) + "</w:document>"),
    ])
    # Password-protected OOXML is an OLE2 compound file.
    with open(os.path.join(health, "encrypted.docx"), "wb") as f:
        f.write(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + b"\x00" * 504 + b"EncryptedPackage")

    # A well-formed dossier with Chinese folder and file names.
    d = os.path.join(HERE, "dossiers", "吉林省长白山职业技能培训学校")
    form_writer.write_form(os.path.join(d, "申请表.docx"), FIELDS, OCCUPATIONS)
    os.makedirs(os.path.join(d, "附件"), exist_ok=True)
    with open(os.path.join(d, "营业执照.pdf"), "wb") as f:
        # One page (qpdf, like a viewer, wants a page tree); no xref: rebuilt on reading.
        f.write(b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
                b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
                b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
                b"trailer<</Root 1 0 R>>\n%%EOF\n")
    with open(os.path.join(d, "附件", "场地照片.jpg"), "wb") as f:
        f.write(b"\xFF\xD8\xFF\xE0\x00\x10JFIF\x00" + b"\x00" * 32 + b"\xFF\xD9")
    with open(os.path.join(d, "附件", "人员名单.xlsx"), "wb") as f:
        with open(os.path.join(health, "ok.xlsx"), "rb") as src:
            f.write(src.read())
    with open(os.path.join(d, "~$申请表.docx"), "wb") as f:
        f.write(b"lock")
    with open(os.path.join(d, "Thumbs.db"), "wb") as f:
        f.write(b"thumbs")


if __name__ == "__main__":
    main()
