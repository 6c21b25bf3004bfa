#!/usr/bin/env python3
"""Prints "ok" when the first page of a PDF has a red horizontal rule as wide as the text block
(GB/T 9704 版头 分隔线) lying under the 发文字号 line (the line holding 〔YYYY〕), else what is
wrong. Used by tests/e2e/documents_e2e_test.cc (issue 20: every bureau letter has its 版头)."""
import re
import subprocess
import sys
import zlib

PAGE_HEIGHT = 841.89
TEXT_WIDTH = 442.2  # 156 mm


def first_page_streams(data):
    out = []
    for m in re.finditer(rb"stream\r?\n", data):
        end = data.find(b"endstream", m.end())
        raw = data[m.end():end]
        try:
            out.append(zlib.decompress(raw))
        except zlib.error:
            out.append(raw)
    return out


def red_rules(data):
    rules = []
    for s in first_page_streams(data):
        if b" RG" not in s:
            continue
        colour = None
        for line in s.split(b"\n"):
            m = re.match(rb"([\d.]+) ([\d.]+) ([\d.]+) RG", line)
            if m:
                colour = tuple(float(x) for x in m.groups())
            m = re.match(rb"([\d.]+) ([\d.]+) m ([\d.]+) ([\d.]+) l S", line)
            if m and colour == (1.0, 0.0, 0.0):
                x1, y1, x2, y2 = (float(x) for x in m.groups())
                if abs(y1 - y2) < 0.01 and abs((x2 - x1) - TEXT_WIDTH) < 2:
                    rules.append(PAGE_HEIGHT - y1)
    return rules


def number_line_bottom(pdf):
    html = subprocess.run(["pdftotext", "-f", "1", "-l", "1", "-bbox", pdf, "-"],
                          capture_output=True, text=True).stdout
    for m in re.finditer(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>',
                         html):
        if re.search(r"〔\d{4}〕", m.group(3)):
            return float(m.group(2))
    return None


def main():
    pdf = sys.argv[1]
    with open(pdf, "rb") as f:
        data = f.read()
    bottom = number_line_bottom(pdf)
    if bottom is None:
        print("no 发文字号 line on page 1")
        return
    rules = red_rules(data)
    if not any(0 < y - bottom < 30 for y in rules):
        print("no red separator line under the 发文字号 line (rules at %s, number line ends at %.1f)"
              % (rules, bottom))
        return
    print("ok")


if __name__ == "__main__":
    main()
