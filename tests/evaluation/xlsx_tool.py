#!/usr/bin/env python3
"""A reader and writer of beian's workbooks that is not beian's own (openpyxl), for the tests.

  fill SRC DST [MUTATION ...]   fill every score of a scoring sheet with openpyxl and save it:
      item scores are max-1 for items worth more than 4 points, max otherwise; remarks, experts
      and date filled. Mutations, applied afterwards:
        score:SHEET:ITEM:VALUE   set one score (VALUE 'none' empties it; text stays text)
        name:NAME:VALUE          set a defined name to the constant "VALUE"
        cell:SHEET:REF:VALUE     set any cell
        rename:OLD:NEW           rename a sheet
        delete:SHEET             delete a sheet
  sheet FILE     print the scoring sheet's structure as JSON
  ledger FILE    print the ledger's cells and settings as JSON
"""
import datetime
import json
import sys

import openpyxl
from openpyxl.workbook.defined_name import DefinedName


def item_rows(ws):
    for row in range(7, ws.max_row + 1):
        item = ws.cell(row=row, column=2).value
        mx = ws.cell(row=row, column=7).value
        if isinstance(item, str) and item.startswith("TE-") and isinstance(mx, (int, float)):
            yield row, item, mx


def set_name(wb, name, value):
    if name in wb.defined_names:
        del wb.defined_names[name]
    wb.defined_names.append(DefinedName(name, attr_text='"%s"' % value))


def fill(src, dst, mutations):
    wb = openpyxl.load_workbook(src)
    for ws in wb.worksheets:
        for row, _, mx in item_rows(ws):
            ws.cell(row=row, column=8).value = mx - 1 if mx > 4 else mx
            ws.cell(row=row, column=9).value = "符合要求"
        for row in range(1, ws.max_row + 1):
            label = ws.cell(row=row, column=2).value
            if label == "评估专家（签字）":
                ws.cell(row=row, column=3).value = "王明、李华、赵敏"
            elif label == "评估日期":
                ws.cell(row=row, column=3).value = datetime.datetime(2026, 11, 20)
    for m in mutations:
        kind, _, rest = m.partition(":")
        if kind == "score":
            sheet, item, value = rest.split(":", 2)
            ws = wb[sheet]
            for row, it, _ in item_rows(ws):
                if it == item:
                    cell = ws.cell(row=row, column=8)
                    if value == "none":
                        cell.value = None
                    else:
                        try:
                            cell.value = float(value) if "." in value else int(value)
                        except ValueError:
                            cell.value = value
        elif kind == "name":
            name, value = rest.split(":", 1)
            set_name(wb, name, value)
        elif kind == "cell":
            sheet, ref, value = rest.split(":", 2)
            wb[sheet][ref].value = value
        elif kind == "rename":
            old, new = rest.split(":", 1)
            wb[old].title = new
        elif kind == "delete":
            del wb[rest]
        else:
            raise SystemExit("unknown mutation " + m)
    wb.save(dst)


def raw_validation_max(path, index):
    """<formula2> of each data validation of sheet `index` (openpyxl does not keep them)."""
    import re
    import zipfile
    with zipfile.ZipFile(path) as z:
        xml = z.read("xl/worksheets/sheet%d.xml" % (index + 1)).decode("utf-8")
    return re.findall(r"<formula2>([^<]*)</formula2>", xml)


def sheet(path):
    wb = openpyxl.load_workbook(path)
    out = {"sheets": wb.sheetnames, "names": {}, "per_sheet": {}}
    for name in wb.defined_names.definedName:
        if name.localSheetId is None:
            out["names"][name.name] = name.attr_text
    for ws in wb.worksheets:
        rows = list(item_rows(ws))
        first = rows[0][0] if rows else None
        info = {
            "protected": bool(ws.protection.sheet),
            "paper": ws.page_setup.paperSize,
            "print_titles": ws.print_title_rows,
            "c2": ws["C2"].value, "e2": ws["E2"].value, "c4": ws["C4"].value,
            "header": [ws.cell(row=6, column=c).value for c in range(1, 10)],
            "items": [it for _, it, _ in rows],
            "max": [mx for _, _, mx in rows],
            "validations": [],
            "score_locked": ws.cell(row=first, column=8).protection.locked if first else None,
            "remark_locked": ws.cell(row=first, column=9).protection.locked if first else None,
            "max_locked": ws.cell(row=first, column=7).protection.locked if first else None,
            "formulas": [],
        }
        for dv in ws.data_validations.dataValidation:
            info["validations"].append({"type": dv.type, "operator": dv.operator or "between",
                                        "min": dv.formula1, "ref": str(dv.sqref)})
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, str) and c.value.startswith("="):
                    info["formulas"].append(c.coordinate + " " + c.value)
        for row in range(1, ws.max_row + 1):
            if ws.cell(row=row, column=2).value in ("评估专家（签字）", "评估日期"):
                info.setdefault("input_locked", []).append(
                    ws.cell(row=row, column=3).protection.locked)
        info["validation_max"] = raw_validation_max(path, wb.worksheets.index(ws))
        out["per_sheet"][ws.title] = info
    print(json.dumps(out, ensure_ascii=False))


def ledger(path):
    wb = openpyxl.load_workbook(path)
    out = {"sheets": wb.sheetnames, "per_sheet": {}}
    for ws in wb.worksheets:
        cells = []
        for row in ws.iter_rows():
            vals = []
            for c in row:
                v = c.value
                if isinstance(v, datetime.datetime):
                    v = "date:" + v.date().isoformat()
                vals.append(v)
            cells.append(vals)
        out["per_sheet"][ws.title] = {
            "cells": cells,
            "freeze": ws.freeze_panes,
            "autofilter": ws.auto_filter.ref,
            "widths": {k: v.width for k, v in ws.column_dimensions.items()},
        }
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "fill":
        fill(sys.argv[2], sys.argv[3], sys.argv[4:])
    elif cmd == "sheet":
        sheet(sys.argv[2])
    elif cmd == "ledger":
        ledger(sys.argv[2])
    else:
        raise SystemExit(__doc__)
