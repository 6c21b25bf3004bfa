#!/usr/bin/python3
"""How tests/evaluation/testdata/技术评估评分表-LibreOffice.xlsx was made (run once at development
time, not by the tests; needs libreoffice-calc-nogui and python3-uno).

The sheet is what `beian scoresheet C2026-0001` writes for the sample
S01-长春鼎新职业技能培训学校-首次申请 registered alone in a new registry at --date 2026-11-25 (case
C2026-0001, three occupations). LibreOffice Calc opens it, the scores, remarks, experts and date
are typed into the unlocked cells through the UNO API (the sheets stay protected), and Calc saves
it as .xlsx with its own writer (shared strings, styles and cached formula values are Calc's).

  /usr/bin/python3 fill_in_libreoffice.py FRESH.xlsx OUT.xlsx
"""
import os
import subprocess
import sys
import time

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def score_for(index, maximum, veto):
    # Veto items full marks; others lose 0, 0.5 or 1 point in turn.
    return maximum if veto else maximum - 0.5 * (index % 3)


def main(src, dst):
    office = subprocess.Popen(["soffice", "--headless", "--invisible", "--norestore",
                               "--accept=socket,host=localhost,port=2002;urp;"])
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", local)
        for _ in range(60):
            try:
                ctx = resolver.resolve(
                    "uno:socket,host=localhost,port=2002;urp;StarOffice.ComponentContext")
                break
            except Exception:
                time.sleep(1)
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(src)),
                                           "_blank", 0, (prop("Hidden", True),))
        sheets = doc.Sheets
        for s in range(sheets.Count):
            sh = sheets.getByIndex(s)
            index = 0
            for row in range(6, 60):
                item = sh.getCellByPosition(1, row).String
                if item.startswith("TE-"):
                    maximum = sh.getCellByPosition(6, row).Value
                    veto = sh.getCellByPosition(5, row).String != ""
                    sh.getCellByPosition(7, row).Value = score_for(index, maximum, veto)
                    sh.getCellByPosition(8, row).String = "现场查看" if index % 2 else ""
                    index += 1
                elif item == "评估专家（签字）":
                    sh.getCellByPosition(2, row).String = "王明、李华、赵敏"
                elif item == "评估日期":
                    sh.getCellByPosition(2, row).Formula = "2026-11-20"
        doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(dst)),
                       (prop("FilterName", "Calc MS Excel 2007 XML"),))
        doc.close(True)
    finally:
        office.terminate()
        office.wait()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
