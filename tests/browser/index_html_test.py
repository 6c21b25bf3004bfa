#!/usr/bin/env python3
"""Browser test of OUT/index.html (docs/user-guide.md "Output: index.html"), registered with ctest.

Runs `beian run` on samples/intake, opens the page in Debian's chromium (headless, --no-sandbox
as root; never a page from the network) and checks:
  - zero console messages (errors, uncaught exceptions) while the page loads;
  - one table row group per dossier: as many as summary.json has rows;
  - every link and resource is relative and resolves to a file that exists;
  - no script and no external resource at all (the page works offline, from a shared folder);
  - a screenshot (OUT/screenshot.png in the test's output folder) that is not blank.
First it proves the driver can fail: a page with a console error must be caught.

usage: index_html_test.py --beian BIN --samples DIR --out DIR
Exit 0 when every check passes; 1 with the failures listed otherwise.
"""
import argparse
import html.parser
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import urllib.parse
import zlib

CHROMIUM_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                  "--disable-extensions", "--disable-background-networking",
                  "--enable-logging=stderr", "--v=0", "--window-size=1400,2400"]
CONSOLE = re.compile(r':CONSOLE[:(]\d*\)?\]? ?(.*)')


def chromium_binary():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    sys.exit("index_html_test: chromium not found (Debian package chromium, .ci/packages.txt)")


def run_chromium(browser, url, extra, profile):
    """Returns (stdout, console messages) of one headless chromium run."""
    cmd = [browser] + CHROMIUM_FLAGS + ["--user-data-dir=" + profile] + extra + [url]
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
    messages = []
    for line in proc.stderr.decode("utf-8", "replace").splitlines():
        m = CONSOLE.search(line)
        if m:
            messages.append(m.group(1))
    return proc.stdout.decode("utf-8", "replace"), messages


class Links(html.parser.HTMLParser):
    """Collects every URL-valued attribute and counts tags of interest."""

    def __init__(self):
        super().__init__()
        self.urls = []
        self.case_groups = 0
        self.details = 0
        self.scripts = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for key in ("href", "src", "action", "poster", "data"):
            if attrs.get(key):
                self.urls.append((tag, attrs[key]))
        if tag == "tbody" and "case" in (attrs.get("class") or "").split():
            self.case_groups += 1
        if tag == "details":
            self.details += 1
        if tag == "script":
            self.scripts += 1


def png_is_blank(path):
    """True when every pixel of the PNG has the same colour (8-bit RGB/RGBA, any filter)."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        return True
    pos, idat, width, height, channels = 8, b"", 0, 0, 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            channels = {2: 3, 6: 4, 0: 1, 4: 2}.get(colour, 0)
            if depth != 8 or channels == 0:
                return False  # not a format this check reads; chromium writes 8-bit RGB(A)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    prev = bytearray(stride)
    colours = set()
    for y in range(height):
        row_start = y * (stride + 1)
        ftype = raw[row_start]
        row = bytearray(raw[row_start + 1:row_start + 1 + stride])
        for i in range(stride):
            a = row[i - channels] if i >= channels else 0
            b = prev[i]
            c = prev[i - channels] if i >= channels else 0
            if ftype == 1:
                row[i] = (row[i] + a) & 255
            elif ftype == 2:
                row[i] = (row[i] + b) & 255
            elif ftype == 3:
                row[i] = (row[i] + (a + b) // 2) & 255
            elif ftype == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                row[i] = (row[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        if y % 8 == 0:
            for x in range(0, stride, channels * 4):
                colours.add(bytes(row[x:x + channels]))
        prev = row
    return len(colours) <= 1


def check_page(browser, out_dir, failures):
    page = os.path.join(out_dir, "index.html")
    url = "file://" + urllib.parse.quote(os.path.abspath(page))
    profile = os.path.join(out_dir, ".chromium-profile")
    dom, messages = run_chromium(browser, url, ["--dump-dom"], profile)
    for m in messages:
        failures.append("console message while loading index.html: " + m)
    with open(os.path.join(out_dir, "summary.json"), encoding="utf-8") as f:
        summary = json.load(f)
    parser = Links()
    parser.feed(dom)
    rows = len(summary["dossiers"])
    if rows == 0:
        failures.append("summary.json has no rows")
    if parser.case_groups != rows:
        failures.append("index.html shows %d dossiers, summary.json has %d" %
                        (parser.case_groups, rows))
    if parser.details != rows:
        failures.append("index.html has %d expandable rows for %d dossiers" %
                        (parser.details, rows))
    if parser.scripts:
        failures.append("index.html has %d <script> elements" % parser.scripts)
    pdf_links = 0
    for tag, url_text in parser.urls:
        parts = urllib.parse.urlsplit(url_text)
        if parts.scheme or parts.netloc or url_text.startswith("/"):
            failures.append("<%s> points outside the output folder: %s" % (tag, url_text))
            continue
        target = os.path.join(out_dir, urllib.parse.unquote(parts.path))
        if not os.path.isfile(target):
            failures.append("<%s> link to a missing file: %s" % (tag, url_text))
        if target.endswith(".pdf"):
            pdf_links += 1
    if pdf_links == 0:
        failures.append("index.html links no draft PDF")
    shot = os.path.join(out_dir, "screenshot.png")
    if os.path.exists(shot):
        os.remove(shot)
    run_chromium(browser, url, ["--screenshot=" + shot], profile)
    if not os.path.isfile(shot):
        failures.append("no screenshot written")
    elif png_is_blank(shot):
        failures.append("the screenshot is blank: " + shot)
    return rows


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--beian", required=True)
    ap.add_argument("--samples", required=True)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    browser = chromium_binary()
    if os.path.isdir(args.out):
        shutil.rmtree(args.out)
    os.makedirs(args.out)

    # The driver must see a console error, or "zero console errors" would prove nothing.
    probe = os.path.join(args.out, "probe.html")
    with open(probe, "w", encoding="utf-8") as f:
        f.write('<!DOCTYPE html><p>probe</p><script>console.error("probe-error")</script>')
    _, messages = run_chromium(browser, "file://" + probe, ["--dump-dom"],
                               os.path.join(args.out, ".chromium-profile"))
    os.remove(probe)
    if not any("probe-error" in m for m in messages):
        sys.exit("index_html_test: chromium's console messages are not visible to the driver")

    run_dir = os.path.join(args.out, "run")
    env = dict(os.environ, BEIAN_SYSCONFDIR="")
    env.pop("BEIAN_CONFIG", None)
    proc = subprocess.run([args.beian, "run", args.samples, "--out", run_dir, "--date",
                           "2026-11-25", "--quiet"], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, env=env)
    if proc.returncode not in (0, 1):
        sys.exit("index_html_test: beian run exited %d: %s" %
                 (proc.returncode, proc.stderr.decode("utf-8", "replace")))
    failures = []
    rows = check_page(browser, run_dir, failures)
    shutil.rmtree(os.path.join(run_dir, ".chromium-profile"), ignore_errors=True)
    if failures:
        print("index.html browser test FAILED:")
        for f in failures:
            print("  - " + f)
        return 1
    print("index.html: %d rows, links resolve, no console messages, screenshot %s" %
          (rows, os.path.join(run_dir, "screenshot.png")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
