#!/usr/bin/env python3
"""Writes a beian application form (申请表) as .docx or .xml.

Build-time / sample-generation tool only: the C++ pipeline never runs Python.

Library use::

    import sys; sys.path.insert(0, "samples/gen")
    import form_writer
    form_writer.write_form(
        "out/某机构/申请表.docx",
        fields={"institution_name": "吉林某某科技有限公司",
                "unified_credit_code": "91220101MA0000000X",
                "application_kind": "首次申请"},
        occupations=[("4-04-05-01", "计算机程序设计员", "三级/高级工")],
        changes=[("机构名称", "旧名称", "新名称")],
    )

`fields` is keyed by the FormField names of pipeline/model/form.h (FIELDS below lists them in
form order with their canonical Chinese label). An unknown key raises ValueError.

Occupation rows: a dict {"seq", "code", "name", "levels"}, a 4-tuple (seq, code, name, levels)
or a 3-tuple (code, name, levels) numbered automatically. Change rows: a dict
{"item", "before", "after"} or a 3-tuple.

The format follows the file extension (.docx or .xml). The XML schema is documented in
templates/forms/application-schema.md.

Options for .docx only (to imitate real-world forms in tests and samples):
  labels        {field: label} overrides, e.g. {"institution_name": "单位名称"} or
                {"contact_phone": "联 系 电 话："}.
  layout        "pairs" (default; two label/value pairs per row where the form has them) or
                "single" (one pair per row).
  split_runs    True to split every label and value into runs of at most 2 characters, like Word
                does after editing.
  extra_rows    [(label, value), ...] appended to the basic table (e.g. labels beian does not
                know).
  omit          field names left out of the form entirely.
  blank_rows    minimum number of data rows in the occupations/changes tables (empty rows pad).
  change_table  True/False forces the change table on/off; default: present when `changes`.
  nested        True to put the basic table inside a one-cell outer table.

Command line::

    python3 samples/gen/form_writer.py spec.json out.docx|out.xml
    python3 samples/gen/form_writer.py --blank templates/forms/申请表（空白）.docx
    python3 samples/gen/form_writer.py --xsd templates/forms/application.xsd

spec.json: {"fields": {...}, "occupations": [...], "changes": [...], "options": {...}}.
Output is deterministic: same input, same bytes (fixed zip timestamps).
"""

import json
import os
import sys
import zipfile
from xml.sax.saxutils import escape, quoteattr

# (field name, canonical label, long) in form order. long = the value spans the whole row.
# Keep names in sync with PIPELINE_FORM_FIELDS in pipeline/model/form.h.
FIELDS = [
    ("institution_name", "机构名称", True),
    ("unified_credit_code", "统一社会信用代码", False),
    ("legal_representative", "法定代表人", False),
    ("legal_representative_id", "法定代表人身份证号", False),
    ("applicant_type", "机构类型", False),
    ("registered_address", "注册地址", True),
    ("affiliation", "隶属关系", False),
    ("region", "所在地区", False),
    ("application_kind", "申请类型", False),
    ("application_date", "申请日期", False),
    ("contact_person", "联系人", False),
    ("contact_phone", "联系电话", False),
    ("main_business", "主营业务", True),
    ("fee_publication", "收费标准公布情况", True),
    ("fulltime_staff_count", "专职工作人员人数", False),
    ("expert_count", "专家人数", False),
    ("assessor_count", "考评人员人数", False),
    ("supervisor_count", "质量督导人员人数", False),
    ("exam_sites", "考试考核场地", True),
    ("video_surveillance", "视频监控设施", False),
    ("question_bank", "题库", False),
    ("safety_fire", "安全消防", True),
    ("incentive_mechanism", "培养评价使用激励机制", True),
    ("pay_linkage", "与薪酬待遇挂钩", True),
    ("subsidiaries", "子公司", True),
    ("filing_number", "原备案编号", False),
    ("filing_valid_until", "备案有效期至", False),
    ("change_items", "变更事项", True),
    ("termination_reason", "终止原因", True),
]
FIELD_NAMES = [f[0] for f in FIELDS]
LABELS = {f[0]: f[1] for f in FIELDS}

TITLE = "职业技能等级认定机构备案申请表"
BASIC_HEADING = "一、机构基本情况"
OCCUPATION_HEADING = "二、申报职业（工种）"
CHANGE_HEADING = "三、变更情况"
OCCUPATION_HEADER = ["序号", "职业编码", "职业（工种）名称", "申报等级"]
CHANGE_HEADER = ["变更事项", "变更前", "变更后"]

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
    "</Relationships>"
)
DOC_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>'
)


def _occupation_row(row, index):
    if isinstance(row, dict):
        return [str(row.get("seq", index)), str(row.get("code", "")),
                str(row.get("name", "")), str(row.get("levels", ""))]
    row = [str(x) for x in row]
    if len(row) == 3:
        return [str(index)] + row
    if len(row) == 4:
        return row
    raise ValueError("occupation row needs 3 or 4 values: %r" % (row,))


def _change_row(row):
    if isinstance(row, dict):
        return [str(row.get("item", "")), str(row.get("before", "")), str(row.get("after", ""))]
    row = [str(x) for x in row]
    if len(row) != 3:
        raise ValueError("change row needs 3 values: %r" % (row,))
    return row


def _check_fields(fields):
    for key in fields:
        if key not in LABELS:
            raise ValueError("unknown form field %r (see FIELDS in form_writer.py)" % key)


# --- docx -------------------------------------------------------------------------------------

def _runs(text, split):
    if text == "":
        return ""
    pieces = [text[i:i + 2] for i in range(0, len(text), 2)] if split else [text]
    out = []
    for p in pieces:
        out.append('<w:r><w:t xml:space="preserve">%s</w:t></w:r>' % escape(p))
    return "".join(out)


def _para(text, split=False, bold=False, center=False):
    ppr = '<w:pPr><w:jc w:val="center"/></w:pPr>' if center else ""
    if bold and text:
        body = '<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">%s</w:t></w:r>' % escape(text)
    else:
        body = _runs(text, split)
    return "<w:p>%s%s</w:p>" % (ppr, body)


def _cell(text, width, span=1, split=False, inner=None):
    tcpr = '<w:tcW w:w="%d" w:type="dxa"/>' % width
    if span > 1:
        tcpr += '<w:gridSpan w:val="%d"/>' % span
    body = inner if inner is not None else _para(text, split)
    if inner is not None:
        body += "<w:p/>"  # a cell must end with a paragraph
    return "<w:tc><w:tcPr>%s</w:tcPr>%s</w:tc>" % (tcpr, body)


def _table(rows, widths):
    grid = "".join('<w:gridCol w:w="%d"/>' % w for w in widths)
    borders = "".join('<w:%s w:val="single" w:sz="4" w:space="0" w:color="000000"/>' % b
                      for b in ("top", "left", "bottom", "right", "insideH", "insideV"))
    tblpr = ('<w:tblPr><w:tblW w:w="%d" w:type="dxa"/><w:tblBorders>%s</w:tblBorders></w:tblPr>'
             % (sum(widths), borders))
    return "<w:tbl>%s<w:tblGrid>%s</w:tblGrid>%s</w:tbl>" % (
        tblpr, grid, "".join("<w:tr>%s</w:tr>" % r for r in rows))


def _basic_table(fields, labels, layout, split, extra_rows, omit):
    widths = [2000, 2700, 2000, 2700]
    rows = []
    pending = None  # a short (label, value) waiting for a partner in the same row
    entries = [(LABELS[n] if n not in labels else labels[n], fields.get(n, ""), long_)
               for n, _, long_ in FIELDS if n not in omit]
    entries += [(lab, val, True) for lab, val in extra_rows]

    def flush():
        nonlocal pending
        if pending is not None:
            lab, val = pending
            rows.append(_cell(lab, widths[0], split=split) +
                        _cell(val, sum(widths[1:]), span=3, split=split))
            pending = None

    for label, value, long_ in entries:
        if long_ or layout == "single":
            flush()
            rows.append(_cell(label, widths[0], split=split) +
                        _cell(value, sum(widths[1:]), span=3, split=split))
        elif pending is None:
            pending = (label, value)
        else:
            plab, pval = pending
            rows.append(_cell(plab, widths[0], split=split) + _cell(pval, widths[1], split=split) +
                        _cell(label, widths[2], split=split) + _cell(value, widths[3], split=split))
            pending = None
    flush()
    return _table(rows, widths)


def _grid_table(header, data_rows, widths, split):
    rows = ["".join(_cell(h, w) for h, w in zip(header, widths))]
    for r in data_rows:
        rows.append("".join(_cell(v, w, split=split) for v, w in zip(r, widths)))
    return _table(rows, widths)


def docx_document_xml(fields, occupations=(), changes=(), labels=None, layout="pairs",
                      split_runs=False, extra_rows=(), omit=(), blank_rows=0, change_table=None,
                      nested=False):
    """Returns word/document.xml for the form as a string."""
    _check_fields(fields)
    labels = dict(labels or {})
    _check_fields(labels)
    if layout not in ("pairs", "single"):
        raise ValueError("layout must be 'pairs' or 'single'")
    occ = [_occupation_row(r, i + 1) for i, r in enumerate(occupations)]
    while len(occ) < blank_rows:
        occ.append(["", "", "", ""])
    chg = [_change_row(r) for r in changes]
    if change_table is None:
        change_table = bool(chg)
    while change_table and len(chg) < blank_rows:
        chg.append(["", "", ""])

    basic = _basic_table(fields, labels, layout, split_runs, list(extra_rows), set(omit))
    if nested:
        basic = _table([_cell("", 9400, inner=basic)], [9400])
    body = [_para(TITLE, bold=True, center=True), _para(BASIC_HEADING), basic,
            _para(OCCUPATION_HEADING),
            _grid_table(OCCUPATION_HEADER, occ, [900, 2000, 4000, 2500], split_runs)]
    if change_table:
        body += [_para(CHANGE_HEADING),
                 _grid_table(CHANGE_HEADER, chg, [2400, 3500, 3500], split_runs)]
    body.append(_para(""))
    sect = ('<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
            '<w:pgMar w:top="1440" w:right="1247" w:bottom="1440" w:left="1247" '
            'w:header="851" w:footer="992" w:gutter="0"/></w:sectPr>')
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<w:document xmlns:w="%s"><w:body>%s%s</w:body></w:document>'
            % (W_NS, "".join(body), sect))


def _write_zip(path, parts):
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data.encode("utf-8"))


def write_docx(path, fields, occupations=(), changes=(), **options):
    document = docx_document_xml(fields, occupations, changes, **options)
    _write_zip(path, [("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", ROOT_RELS),
                      ("word/_rels/document.xml.rels", DOC_RELS),
                      ("word/document.xml", document)])


# --- xml --------------------------------------------------------------------------------------

def xml_text(fields, occupations=(), changes=()):
    """Returns the 申请表.xml document (schema: templates/forms/application-schema.md)."""
    _check_fields(fields)
    out = ['<?xml version="1.0" encoding="UTF-8"?>', '<application schema-version="1">']
    for name in FIELD_NAMES:
        if name in fields:
            out.append("  <%s>%s</%s>" % (name, escape(str(fields[name])), name))
    out.append("  <occupations>")
    for i, r in enumerate(occupations):
        seq, code, name, levels = _occupation_row(r, i + 1)
        out.append("    <occupation seq=%s code=%s name=%s levels=%s/>" % (
            quoteattr(seq), quoteattr(code), quoteattr(name), quoteattr(levels)))
    out.append("  </occupations>")
    if changes:
        out.append("  <changes>")
        for r in changes:
            item, before, after = _change_row(r)
            out.append("    <change item=%s before=%s after=%s/>" % (
                quoteattr(item), quoteattr(before), quoteattr(after)))
        out.append("  </changes>")
    out.append("</application>")
    return "\n".join(out) + "\n"


def write_xml(path, fields, occupations=(), changes=()):
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(xml_text(fields, occupations, changes))


def xsd_text():
    """XSD of the 申请表.xml schema (templates/forms/application.xsd)."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<!-- Schema of 申请表.xml; see application-schema.md. Generated from FIELDS in',
             '     samples/gen/form_writer.py; keep in sync with PIPELINE_FORM_FIELDS (pipeline/model/form.h). -->',
             '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">',
             '  <xs:element name="application">',
             '    <xs:complexType>',
             '      <xs:choice minOccurs="0" maxOccurs="unbounded">']
    for name, label, _ in FIELDS:
        lines.append('        <xs:element name="%s" type="xs:string"><!-- %s --></xs:element>'
                     % (name, label))

    def rows(container, element, attrs):
        out = ['        <xs:element name="%s">' % container,
               '          <xs:complexType><xs:sequence>',
               '            <xs:element name="%s" minOccurs="0" maxOccurs="unbounded">' % element,
               '              <xs:complexType>']
        out += ['                <xs:attribute name="%s" type="xs:string"/>' % a for a in attrs]
        out += ['              </xs:complexType>',
                '            </xs:element>',
                '          </xs:sequence></xs:complexType>',
                '        </xs:element>']
        return out

    lines += rows("occupations", "occupation", ["seq", "code", "name", "levels"])
    lines += rows("changes", "change", ["item", "before", "after"])
    lines += ['      </xs:choice>',
              '      <xs:attribute name="schema-version" type="xs:string"/>',
              '    </xs:complexType>',
              '  </xs:element>',
              '</xs:schema>']
    return "\n".join(lines) + "\n"


def write_form(path, fields=None, occupations=(), changes=(), **options):
    """Writes a form; the format follows the extension of `path` (.docx or .xml)."""
    fields = dict(fields or {})
    ext = os.path.splitext(path)[1].lower()
    if ext == ".docx":
        write_docx(path, fields, occupations, changes, **options)
    elif ext == ".xml":
        if options:
            raise ValueError("options apply to .docx only: %s" % ", ".join(sorted(options)))
        write_xml(path, fields, occupations, changes)
    else:
        raise ValueError("unsupported form extension %r (want .docx or .xml)" % ext)


def write_blank(path):
    """The blank form handed to applicants: every label, empty values, 5 empty rows per table."""
    write_docx(path, {}, (), (), blank_rows=5, change_table=True)


def main(argv):
    if len(argv) == 3 and argv[1] == "--blank":
        write_blank(argv[2])
        return 0
    if len(argv) == 3 and argv[1] == "--xsd":
        with open(argv[2], "w", encoding="utf-8", newline="\n") as f:
            f.write(xsd_text())
        return 0
    if len(argv) != 3:
        sys.stderr.write(__doc__.split("Command line::")[1].split("spec.json:")[0])
        return 2
    with open(argv[1], encoding="utf-8") as f:
        spec = json.load(f)
    write_form(argv[2], spec.get("fields", {}), spec.get("occupations", []),
               spec.get("changes", []), **spec.get("options", {}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
