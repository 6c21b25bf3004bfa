#!/usr/bin/env python3
"""The registry walked end to end through the binary (issue 21): one office's year and more.

A fresh registry file, an office settings file (--config: doc_number_format and
receipt_number_format per authority, filing_number_format, allow_fallback_fonts) and a copy of samples/intake:

  2026-09-01  `run` on the samples (the 长春 office, 220100); S01 (长春市鼎新职业技能培训学校)
              is a new case with a 材料接收回执; R06 (长春市通达物流有限公司) needs 补正
  S01         receipt issued and served; received, preliminary; the scoring sheet (`beian
              scoresheet`) filled by openpyxl; `evaluate`; `summarize`; the expert group's
              opinions issued; `deliberate`; `publicize` from 2026-09-28 across 国庆 2026 (ends
              on the make-up working Saturday 2026-10-10, data/holidays_cn.tsv); the 公示 issued;
              `object` and `resolve`; `submit` (报送) and its report issued; `file` at the
              province (220000); the 备案通知 issued and `served`
  R06         补正: returned at `received`, the 补正材料通知书 issued and served; the corrected
              dossier samples/later/L1 run on 2026-09-15: a second version of the same case
  later       samples/later/L2 (change, 法定代表人), L3 (renewal, 2029) and L4 (termination,
              2030) run one at a time and taken through their decisions, each notice issued
              and served
  end         `archive verify` clean; `filed` as of dates; the ledger (`beian ledger`) read
              back with openpyxl

After each step `beian status CASE --json` must say exactly what happened: stage, the last
history entry (action, date, result), dates in order, documents and their states.

The 移送 and 不予备案 steps (`decide --result refer|fail` drawing 移送告知书 / 不予备案告知书 as
registry documents) are left out until that work is merged; the lead adds them then.

usage: registry_walk_test.py --beian BIN [--keep DIR]
Exit 0 when every check passes (skips are printed, naming the defect); 1 with the failures.
"""
import argparse
import csv
import datetime
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile

import openpyxl

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
SAMPLES = os.path.join(REPO, "samples")
FAILURES = []
SKIPS = []

DINGXIN = "52220102MJ0A1B2C32"  # S01, and samples/later L2-L4
TONGDA = "91220106MA17C4D8EP"  # R06, and samples/later L1
CITY, PROVINCE = "220100", "220000"
FILING_NUMBER = "吉认备〔2026〕1号"  # what samples/later quotes (samples/README.md)


class Stop(Exception):
    """A step the rest of the walk depends on did not go through."""


def check(ok, what):
    if not ok:
        FAILURES.append(what)
        print("FAIL:", what)
    return ok


def skip(what, defect):
    SKIPS.append(what)
    print("SKIP: %s (defect: %s)" % (what, defect))


class Office:
    """One office's registry, settings, intake and output, and the beian binary."""

    def __init__(self, beian, work):
        self.bin = beian
        self.work = work
        self.registry = os.path.join(work, "registry.sqlite")
        self.config = os.path.join(work, "office.json")
        self.intake = os.path.join(work, "intake")
        self.out = os.path.join(work, "out")
        self.archive = os.path.join(work, "archive")
        with open(self.config, "w", encoding="utf-8") as f:
            json.dump({"doc_number_format": {CITY: "长人社认备〔{year}〕{n}号",
                                             PROVINCE: "吉人社认备〔{year}〕{n}号"},
                       "receipt_number_format": {CITY: "长人社认收〔{year}〕{n}号",
                                                 PROVINCE: "吉人社认收〔{year}〕{n}号"},
                       "filing_number_format": "吉认备〔{year}〕{n}号",
                       "allow_fallback_fonts": True,
                       "archive": self.archive,
                       "objection_office": "长春市人力资源和社会保障局职业能力建设处",
                       "objection_phone": "0431-88888888"}, f, ensure_ascii=False)
        shutil.copytree(os.path.join(SAMPLES, "intake"), self.intake)

    def beian(self, *args, rc=0):
        cmd = [self.bin] + list(args) + ["--registry", self.registry, "--config", self.config,
                                         "--user", "李四"]
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=self.work)
        out = p.stdout.decode("utf-8", "replace")
        if p.returncode not in (rc if isinstance(rc, tuple) else (rc,)):
            raise Stop("`%s` exited %d, not %d:\n%s" % (" ".join(args), p.returncode, rc, out))
        return out

    def status(self, case):
        return json.loads(self.beian("status", case, "--json"))

    def case_of(self, uscc, kind):
        cases = json.loads(self.beian("status", uscc, "--json"))["cases"]
        found = [c["case"] for c in cases if c["kind"] == kind]
        if len(found) != 1:
            raise Stop("%s: %d cases of kind %s: %s" % (uscc, len(found), kind, cases))
        return found[0]

    def run(self, date, later=None):
        if later:
            shutil.copytree(os.path.join(SAMPLES, "later", later), os.path.join(self.intake, later))
        # Exit 1: some dossiers of the samples have blocking findings.
        return self.beian("run", self.intake, "--out", self.out, "--date", date, "--authority",
                          CITY, "--quiet", rc=(0, 1))

    def report(self, folder):
        for path in glob.glob(os.path.join(self.out, "*", "report.json")):
            with open(path, encoding="utf-8") as f:
                r = json.load(f)
            if r.get("dossier") == folder:
                return r
        raise Stop("no report.json for " + folder)

    def pdf_text(self, path):
        p = subprocess.run(["pdftotext", "-layout", path, "-"], stdout=subprocess.PIPE)
        return "".join(p.stdout.decode("utf-8", "replace").split())

    def issued_pdf(self, doc):
        """The archived copy of an issued document (status DOCUMENT-ID gives no path: the
        archive holds it under its number or id)."""
        hits = [p for p in glob.glob(os.path.join(self.archive, "*", "*", "*.pdf"))
                if os.path.basename(p).startswith(doc["id"] + "-")
                or (doc["number"] and os.path.basename(p) == doc["number"] + ".pdf")]
        return hits[0] if len(hits) == 1 else None


def last(rec):
    return rec["history"][-1]


def doc_of(rec, kind, state=None):
    docs = [d for d in rec["documents"] if d["kind"] == kind and (state is None or
                                                                 d["state"] == state)]
    return docs[-1] if docs else None


def expect(office, case, step, stage, action, date, result=None, docs=None):
    """The record after `step`: the stage, the last history entry, every history date in order
    and never after the step's date, and the documents (kind -> [states] in order)."""
    rec = office.status(case)
    where = "%s %s" % (case, step)
    check(rec["stage"] == stage, "%s: stage %s, not %s" % (where, rec["stage"], stage))
    h = last(rec)
    check(h["action"] == action and h["date"] == date,
          "%s: last entry %s %s, not %s %s" % (where, h["action"], h["date"], action, date))
    if result is not None:
        check(h["result"] == result, "%s: result %r, not %r" % (where, h["result"], result))
    dates = [e["date"] for e in rec["history"]]
    check(dates == sorted(dates) and dates[-1] <= date,
          "%s: history dates out of order: %s" % (where, dates))
    if docs is not None:
        got = {}
        for d in rec["documents"]:
            got.setdefault(d["kind"], []).append(d["state"])
        check(got == docs, "%s: documents %s, not %s" % (where, got, docs))
    for d in rec["documents"]:
        if d["state"] == "issued":
            check(d["date"] and d["date"] <= date, "%s: %s issued without a date or later (%s)"
                  % (where, d["id"], d["date"]))
        if d["served"]:
            check(d["state"] == "issued" and d["served"] >= d["date"],
                  "%s: %s served %s before its date %s" % (where, d["id"], d["served"],
                                                          d["date"]))
    return rec


def issue(office, case, kind, date, numbered=True):
    """Issues the case's draft of `kind` on `date`; returns the issued document."""
    rec = office.status(case)
    d = doc_of(rec, kind, "draft")
    if d is None:
        raise Stop("%s: no draft %s to issue: %s" % (case, kind, rec["documents"]))
    office.beian("issue", d["id"], "--date", date)
    d = [x for x in office.status(case)["documents"] if x["id"] == d["id"]][0]
    check(d["state"] == "issued", "%s %s: state %s after issue" % (case, d["id"], d["state"]))
    check(bool(d["number"]) == numbered, "%s %s (%s): number %r" % (case, d["id"], kind,
                                                                     d["number"]))
    return d


def serve(office, case, doc, date):
    office.beian("served", doc["id"], "--date", date, "--today", date)
    d = [x for x in office.status(case)["documents"] if x["id"] == doc["id"]][0]
    check(d["served"] == date, "%s %s: served %r, not %s" % (case, doc["id"], d["served"], date))
    h = last(office.status(case))
    check(h["action"] == "served" and h["date"] == date, "%s: served not in the history: %s"
          % (case, h))


def decide(office, case, stage, date, result="pass", today=None, note=None, rc=0):
    more = ["--note", note] if note else []
    return office.beian("decide", case, "--stage", stage, "--result", result, "--date", date,
                        "--today", today or date, *more, rc=rc)


def later_case(office, folder, kind, date, drafts=None):
    """Runs samples/later/`folder` on `date`: a new case of `kind` whose check passes; its
    receipt is issued and served that day. `drafts`: the other drafts run registers (kind ->
    [states]). Returns the case and its report.json."""
    office.run(date, later=folder)
    case = office.case_of(DINGXIN, kind)
    r = office.report(folder)
    check(r["conclusion"] == "pass" and r["registry"]["outcome"] == "new_case",
          "%s: %s %s: %s" % (folder, r["conclusion"], r["registry"],
                             [f["rule"] for f in r["findings"]]))
    expect(office, case, "after run", "received", "received", date,
           docs=dict({"receipt": ["draft"]}, **(drafts or {})))
    d = issue(office, case, "receipt", date)
    serve(office, case, d, date)
    return case, r


def file_case(office, case, date, notice_kind, period, number):
    """`file` at the province on `date`, the filing's `period` in the history, and the notice
    issued that day with the province's `number`. Returns the notice's text."""
    office.beian("file", case, "--authority", PROVINCE, "--date", date)
    rec = expect(office, case, "file", "filed", "file", date)
    check(period in last(rec)["note"], "%s filing entry: %s, not %s" % (case, last(rec), period))
    d = issue(office, case, notice_kind, date)
    check(d["number"] == number, "%s %s number %s, not %s" % (case, notice_kind, d["number"],
                                                               number))
    return d, office.pdf_text(office.issued_pdf(d) or "/dev/null")


def fill_scoresheet(src, dst):
    """What the experts do in Excel: every score, remarks, signatures and the date, by openpyxl
    (not beian's writer). Item scores: full marks less one above 4 points."""
    wb = openpyxl.load_workbook(src)
    for ws in wb.worksheets:
        for row in range(7, ws.max_row + 1):
            item, top = ws.cell(row=row, column=2).value, ws.cell(row=row, column=7).value
            if isinstance(item, str) and item.startswith("TE-") and isinstance(top, (int, float)):
                ws.cell(row=row, column=8).value = top - 1 if top > 4 else top
                ws.cell(row=row, column=9).value = "现场核查符合"
            elif item == "专家签字":
                ws.cell(row=row, column=3).value = "王明、李华、赵敏"
            elif item == "评估日期":
                ws.cell(row=row, column=3).value = datetime.datetime(2026, 9, 14)
    wb.save(dst)


# ----------------------------------------------------------------------------------------------
# The steps
# ----------------------------------------------------------------------------------------------


def first_run(office):
    office.run("2026-09-01")
    s01, r06 = office.case_of(DINGXIN, "initial"), office.case_of(TONGDA, "initial")
    r = office.report("S01-长春鼎新职业技能培训学校-首次申请")
    check(r["registry"]["case"] == s01 and r["registry"]["outcome"] == "new_case",
          "S01 report.json registry: %s" % r["registry"])
    expect(office, s01, "after run", "received", "received", "2026-09-01",
           docs={"receipt": ["draft"], "preliminary_opinion": ["draft"]})
    expect(office, r06, "after run", "received", "received", "2026-09-01",
           docs={"receipt": ["draft"], "correction_notice": ["draft"]})
    return s01, r06


def receipts(office, s01, r06):
    # Issued the day after: the receipt still states the day the materials came.
    d = issue(office, s01, "receipt", "2026-09-02")
    check(d["date"] == "2026-09-01", "S01 receipt dated %s, not the day received" % d["date"])
    # The office's own receipt sequence (receipt_number_format per authority), no 发文字号.
    check(d["number"].startswith("长人社认收〔2026〕"), "S01 receipt numbered %s" % d["number"])
    pdf = office.issued_pdf(d)
    if check(pdf is not None, "S01 receipt: no archived copy"):
        text = office.pdf_text(pdf)
        check("2026年9月1日收到" in text, "S01 receipt PDF: received date: " + text[:300])
    serve(office, s01, d, "2026-09-02")
    decide(office, s01, "received", "2026-09-02")
    expect(office, s01, "received", "preliminary", "decide", "2026-09-02", "pass",
           {"receipt": ["issued"], "preliminary_opinion": ["draft"]})
    # A decision dated before the latest recorded event is refused and records nothing.
    decide(office, s01, "preliminary", "2026-09-01", today="2026-09-02", rc=2)
    expect(office, s01, "a back-dated decision refused", "preliminary", "decide", "2026-09-02")
    d = issue(office, r06, "receipt", "2026-09-02")
    serve(office, r06, d, "2026-09-02")


def correction_round(office, r06):
    """补正: R06 returned at received; its notice issued and served; L1 run as version 2."""
    decide(office, r06, "received", "2026-09-03", "return", note="职业（工种）表多处错误，请补正")
    expect(office, r06, "return", "returned", "decide", "2026-09-03", "return",
           {"receipt": ["issued"], "correction_notice": ["draft"]})
    d = issue(office, r06, "correction_notice", "2026-09-03")
    serve(office, r06, d, "2026-09-04")
    before = len(json.loads(office.beian("status", "--json"))["open_cases"])
    office.run("2026-09-15", later="L1-长春市通达物流有限公司-补正")
    r = office.report("L1-长春市通达物流有限公司-补正")
    check(r["registry"]["case"] == r06 and r["registry"]["outcome"] == "new_version"
          and r["registry"]["version"] == 2, "L1 report.json registry: %s" % r["registry"])
    check(r["conclusion"] == "review_needed", "L1 conclusion " + r["conclusion"])
    r = office.report("S01-长春鼎新职业技能培训学校-首次申请")
    check(r["registry"]["outcome"] == "unchanged", "S01 rerun: %s" % r["registry"])
    after = len(json.loads(office.beian("status", "--json"))["open_cases"])
    check(after == before, "the second run opened cases: %d -> %d" % (before, after))
    rec = expect(office, r06, "version 2", "preliminary", "resubmitted", "2026-09-15",
                 docs={"receipt": ["issued", "draft"], "correction_notice": ["issued"],
                       "preliminary_opinion": ["draft"]})
    check(rec["version"] == 2 and [v["version"] for v in rec["versions"]] == [1, 2],
          "R06 versions: %s" % rec["versions"])
    d = issue(office, r06, "receipt", "2026-09-15")
    check(d["date"] == "2026-09-15", "R06 second receipt dated %s" % d["date"])
    serve(office, r06, d, "2026-09-15")
    decide(office, r06, "preliminary", "2026-09-16")
    expect(office, r06, "preliminary", "technical", "decide", "2026-09-16", "pass")


def evaluation(office, s01):
    # The group decides the 初评意见's open points (choice slots: 符合 / 不符合) and it is
    # issued, unnumbered and dated by the act; while a point is blank issue refuses it.
    opinion = doc_of(office.status(s01), "preliminary_opinion", "draft")
    office.beian("issue", opinion["id"], "--date", "2026-09-08", rc=2)
    points = [s["name"] for s in json.loads(office.beian("status", opinion["id"], "--json"))["slots"]
              if s.get("choices") == ["符合", "不符合"]]
    check(points, "S01's 初评意见 has open points")
    for name in points:
        office.beian("edit", opinion["id"], "--slot", name, "--text", "符合")
    issue(office, s01, "preliminary_opinion", "2026-09-08", numbered=False)
    decide(office, s01, "preliminary", "2026-09-08")
    expect(office, s01, "preliminary", "technical", "decide", "2026-09-08", "pass")
    sheet = os.path.join(office.work, "sheet")
    office.beian("scoresheet", s01, "--out", sheet, "--date", "2026-09-10")
    filled = os.path.join(sheet, "filled.xlsx")
    fill_scoresheet(os.path.join(sheet, "技术评估评分表.xlsx"), filled)
    office.beian("evaluate", s01, "--scores", filled, "--result", "合格", "--date", "2026-09-15",
                 "--today", "2026-09-15", "--note", "专家组现场评估，各项条件符合")
    expect(office, s01, "evaluate", "comprehensive", "evaluate", "2026-09-15", "pass",
           {"receipt": ["issued"], "preliminary_opinion": ["issued"],
            "technical_opinion": ["draft"]})


def to_publicity(office, s01):
    d = issue(office, s01, "technical_opinion", "2026-09-16", numbered=False)
    check(d["date"] == "2026-09-15", "技术评估意见 dated %s, not its decision's day" % d["date"])
    office.beian("summarize", s01, "--result", "合格", "--date", "2026-09-17", "--today",
                 "2026-09-17", "--note", "综合评估合格，建议备案")
    expect(office, s01, "summarize", "deliberation", "summarize", "2026-09-17", "pass")
    d = issue(office, s01, "comprehensive_opinion", "2026-09-18", numbered=False)
    check(d["date"] == "2026-09-17", "综合技术评估意见 dated %s" % d["date"])
    office.beian("deliberate", s01, "--date", "2026-09-22", "--today", "2026-09-22", "--note",
                 "专题审议通过")
    expect(office, s01, "deliberate", "publicity", "deliberate", "2026-09-22", "pass")
    out = office.beian("publicize", s01, "--start", "2026-09-28", "--date", "2026-09-28",
                       "--authority", CITY)
    # 9-29, 9-30, (国庆 10-1..10-7), 10-8, 10-9 and the make-up working Saturday 10-10.
    check("2026-09-28 至 2026-10-10" in out, "公示 period across 国庆: " + out)
    rec = expect(office, s01, "publicize", "publicity", "publicize", "2026-09-28")
    # The next command as the user gave it: the 公示 is issued first (file and submit need it).
    notice = [x["id"] for x in rec["documents"] if x["kind"] == "publicity_notice"]
    check(notice and "beian issue %s --registry %s" % (notice[0], office.registry)
          in rec["next"], "hint after publicize: " + rec["next"])
    check("2026-09-28/2026-10-10" in last(rec)["note"], "公示 entry: %s" % last(rec))
    office.beian("file", s01, "--authority", PROVINCE, "--date", "2026-10-10", rc=2)
    d = issue(office, s01, "publicity_notice", "2026-09-28")
    # Receipts take their own sequence (长人社认收), so the 公示 is 长春's 2nd 发文字号 (the
    # first went to R06's 补正材料通知书).
    check(d["date"] == "2026-09-28" and d["number"] == "长人社认备〔2026〕2号",
          "公示 issued as %s %s" % (d["date"], d["number"]))


def objection_and_filing(office, s01):
    office.beian("object", s01, "--note", "来信反映考核场地面积不足", "--date", "2026-09-30")
    rec = expect(office, s01, "object", "publicity", "object", "2026-09-30")
    check("beian resolve " + s01 in rec["next"], "hint during an objection: " + rec["next"])
    office.beian("file", s01, "--authority", PROVINCE, "--date", "2026-10-12", rc=2)
    office.beian("resolve", s01, "--note", "经现场核实，场地符合要求", "--date", "2026-10-09")
    expect(office, s01, "resolve", "publicity", "resolve", "2026-10-09")
    office.beian("submit", s01, "--authority", CITY, "--date", "2026-10-12")
    rec = expect(office, s01, "submit", "publicity", "submit", "2026-10-12")
    check("beian file %s --authority %s" % (s01, PROVINCE) in rec["next"],
          "hint after submit: " + rec["next"])
    issue(office, s01, "submission", "2026-10-12")
    d, text = file_case(office, s01, "2026-10-12", "filing_notice", "2026-10-12/2029-10-11",
                        "吉人社认备〔2026〕1号")
    check(FILING_NUMBER in text and "2026年10月12日至2029年10月11日" in text,
          "备案通知: 备案编号 and validity: " + text[:400])
    serve(office, s01, d, "2026-10-14")
    expect(office, s01, "served", "filed", "served", "2026-10-14", docs={
        "receipt": ["issued"], "preliminary_opinion": ["issued"], "technical_opinion": ["issued"],
        "comprehensive_opinion": ["issued"], "publicity_notice": ["issued"],
        "submission": ["issued"], "filing_notice": ["issued"]})
    filed_on(office, "2026-10-20", FILING_NUMBER, "2026-10-12", "2029-10-11")


def filed_on(office, date, number, start, end):
    """`filed --date` lists the institution with its 备案编号 and the period holding `date`."""
    path = os.path.join(office.work, "filed-%s.xlsx" % date)
    office.beian("filed", "--date", date, "--xlsx", path)
    ws = openpyxl.load_workbook(path).worksheets[0]
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=2)]
    mine = [r for r in rows if r[1] == DINGXIN]
    if number is None:
        check(not mine, "filed --date %s still lists the institution: %s" % (date, mine))
        return
    check(len(mine) == 3, "filed --date %s: %d rows of S01's institution" % (date, len(mine)))
    for r in mine:
        check(r[2] == number and r[6].date().isoformat() == start
              and r[7].date().isoformat() == end,
              "filed --date %s: %s, not %s %s..%s" % (date, r, number, start, end))


def change(office):
    case, r = later_case(office, "L2-长春鼎新职业技能培训学校-变更", "change", "2026-11-03",
                         drafts={"preliminary_opinion": ["draft"]})
    cmp = {c["element"]: c["status"] for c in r.get("registry_check", {}).get("comparison", [])}
    check(cmp.get("legal_representative") == "declared", "L2 comparison: %s" % cmp)
    for stage, date in (("received", "2026-11-04"), ("preliminary", "2026-11-05"),
                        ("technical", "2026-11-10"), ("comprehensive", "2026-11-11")):
        out = decide(office, case, stage, date)
        if stage == "technical":  # scored on paper: the hint names the step that works
            check("--stage comprehensive" in out, "hint after a paper technical decision: "
                  + out)
    office.beian("deliberate", case, "--date", "2026-11-13", "--today", "2026-11-13")
    office.beian("publicize", case, "--start", "2026-11-16", "--date", "2026-11-16",
                 "--authority", CITY)
    expect(office, case, "publicize", "publicity", "publicize", "2026-11-16")
    issue(office, case, "publicity_notice", "2026-11-16")
    office.beian("submit", case, "--authority", CITY, "--date", "2026-11-24")
    issue(office, case, "submission", "2026-11-24")
    # A change keeps the filing and its validity.
    d, text = file_case(office, case, "2026-11-24", "filing_notice", "2026-10-12/2029-10-11",
                        "吉人社认备〔2026〕2号")
    check("备案变更的通知" in text and "第八条" in text and "陈志刚" in text and "王淑芬" in text,
          "变更 备案通知: title, Art. 8, what changed: " + text[:500])
    serve(office, case, d, "2026-11-26")
    expect(office, case, "served", "filed", "served", "2026-11-26", docs={
        "receipt": ["issued"], "preliminary_opinion": ["draft"], "publicity_notice": ["issued"],
        "submission": ["issued"], "filing_notice": ["issued"]})
    # A change keeps the filing and its validity.
    filed_on(office, "2026-11-30", FILING_NUMBER, "2026-10-12", "2029-10-11")
    return case


def renewal(office):
    case, r = later_case(office, "L3-长春鼎新职业技能培训学校-续期", "renewal", "2029-06-04")
    filing = r["registry"].get("filing") or r.get("registry_check", {}).get("filing", {})
    check(filing.get("valid_until") == "2029-10-11" and filing.get("renewal_on_time") is True,
          "L3 registry filing: %s" % filing)
    decide(office, case, "received", "2029-06-05")
    decide(office, case, "preliminary", "2029-06-08")
    expect(office, case, "preliminary", "preliminary", "decide", "2029-06-08", "pass")
    # Three years on from the old end; the 备案编号 stays.
    d, text = file_case(office, case, "2029-06-11", "renewal_notice", "2029-10-12/2032-10-11",
                        "吉人社认备〔2029〕1号")
    check(FILING_NUMBER in text, "续期备案通知 keeps the 备案编号: " + text[:400])
    serve(office, case, d, "2029-06-13")
    expect(office, case, "served", "filed", "served", "2029-06-13",
           docs={"receipt": ["issued"], "renewal_notice": ["issued"]})
    filed_on(office, "2029-08-01", FILING_NUMBER, "2026-10-12", "2029-10-11")
    filed_on(office, "2029-12-01", FILING_NUMBER, "2029-10-12", "2032-10-11")
    return case


def termination(office):
    # run drafts the 终止备案通知 (a registry document); the 长春 office's terminate adopts it.
    case, r = later_case(office, "L4-长春鼎新职业技能培训学校-终止", "termination", "2030-03-04",
                         drafts={"termination_notice": ["draft"]})
    decide(office, case, "received", "2030-03-05")
    decide(office, case, "preliminary", "2030-03-08")
    office.beian("terminate", case, "--voluntary", "--date", "2030-03-15")
    expect(office, case, "terminate", "terminated", "terminate_voluntary", "2030-03-15",
           docs={"receipt": ["issued"], "termination_notice": ["draft"]})
    draft = doc_of(office.status(case), "termination_notice", "draft")
    if draft is None:
        raise Stop("no 终止备案通知 draft")
    check(draft["id"] == r["registry"]["termination_notice"],
          "terminate drew %s, not run's %s" % (draft["id"], r["registry"]["termination_notice"]))
    office.beian("edit", draft["id"], "--slot", "effective_date", "--text", "2030年3月15日")
    d = issue(office, case, "termination_notice", "2030-03-15")
    text = office.pdf_text(office.issued_pdf(d) or "/dev/null")
    check(FILING_NUMBER in text and "第十条" in text, "终止备案通知: " + text[:400])
    serve(office, case, d, "2030-03-18")
    expect(office, case, "served", "terminated", "served", "2030-03-18",
           docs={"receipt": ["issued"], "termination_notice": ["issued"]})
    filed_on(office, "2030-04-01", None, None, None)
    return case


def catalogues(office):
    """The 归档文件目录 of each authority and year: 件号 1, 2, ... in issue order, and no two
    documents under one 题名 (a clerk cannot tell them apart)."""
    duplicates = []
    for path in sorted(glob.glob(os.path.join(office.archive, "*", "*", "归档文件目录.csv"))):
        with open(path, encoding="utf-8-sig") as f:
            rows = list(csv.DictReader(f))
        items = [r["档号"].rsplit("-", 1)[-1] for r in rows]
        check(items == ["%04d" % (i + 1) for i in range(len(rows))],
              "%s: 件号 %s" % (path, items))
        titles = [r["题名"] for r in rows]
        duplicates += sorted({t for t in titles if titles.count(t) > 1})
    check(not duplicates, "catalogue: each 题名 names one document; identical: %s"
          % ", ".join(sorted(set(duplicates))))


def ledger(office, cases):
    office.beian("archive", "verify")
    catalogues(office)
    path = os.path.join(office.work, "ledger", "台账.xlsx")
    os.makedirs(os.path.dirname(path))
    office.beian("ledger", "--out", path, "--date", "2030-03-20")
    ws = openpyxl.load_workbook(path)["台账"]
    header = [c.value for c in ws[1]]
    rows = {r[0]: dict(zip(header, r)) for r in ws.iter_rows(min_row=2, values_only=True)}
    missing = [c for c in ("备案编号", "有效期起", "有效期止") if c not in header]
    for name, case in cases.items():
        row = rows.get(case)
        if not check(row is not None, "ledger: no row for %s" % case):
            continue
        rec = office.status(case)
        notice = [d for d in rec["documents"] if d["kind"] in ("filing_notice", "renewal_notice")]
        if notice:
            got = row["备案日期"].date().isoformat() if row["备案日期"] else None
            check(got == notice[0]["date"], "ledger %s 备案日期 %s, not the notice's %s"
                  % (name, got, notice[0]["date"]))
        dates = [row[k].date() for k in header if k.endswith("日期") and row[k]]
        check(dates == sorted(dates), "ledger %s: dates out of order: %s" % (name, dates))
    if missing:
        skip("ledger: 备案编号 and 有效期起/止 checked against the record",
             "the ledger (台账) has no %s column" % "/".join(missing))
        return
    expected = {"S01": ("2026-10-12", "2029-10-11"), "L2": ("2026-10-12", "2029-10-11"),
                "L3": ("2029-10-12", "2032-10-11")}
    for name, (start, end) in expected.items():
        row = rows[cases[name]]
        check(row["备案编号"] == FILING_NUMBER and row["有效期起"].date().isoformat() == start
              and row["有效期止"].date().isoformat() == end,
              "ledger %s: %s %s..%s" % (name, row["备案编号"], row["有效期起"], row["有效期止"]))


def walk(office):
    s01, r06 = first_run(office)
    receipts(office, s01, r06)
    correction_round(office, r06)
    evaluation(office, s01)
    to_publicity(office, s01)
    objection_and_filing(office, s01)
    cases = {"S01": s01, "R06": r06}
    cases["L2"] = change(office)
    cases["L3"] = renewal(office)
    cases["L4"] = termination(office)
    ledger(office, cases)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--beian", required=True)
    ap.add_argument("--keep", help="walk in this folder and keep it")
    args = ap.parse_args()
    work = args.keep or tempfile.mkdtemp(prefix="beian-walk-")
    if args.keep and os.path.exists(work):
        shutil.rmtree(work)
    os.makedirs(work, exist_ok=True)
    try:
        walk(Office(os.path.abspath(args.beian), work))
    except Stop as e:
        FAILURES.append(str(e))
        print("STOPPED:", e)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print("%d failures, %d skipped" % (len(FAILURES), len(SKIPS)))
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
