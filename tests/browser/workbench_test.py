#!/usr/bin/env python3
"""The workbench (beian serve) in a real browser: Debian's chromium driven by chromium-driver
and python3-selenium, headless.

Starts `beian serve --demo`, then as each role in turn takes a first filing of the province
through to 备案: the clerk uploads it on 收件 (the sample R05 under another name and credit
code, as a zip) and lands on its new case with its 材料接收回执, finds it by search and
receives it; the reviewer records the
preliminary decision, downloads the scoring sheet, uploads it filled by openpyxl
(tests/evaluation/xlsx_tool.py), records the summary and the deliberation; the archivist drafts
the 公示 across 国庆 2026, files the case and issues the 备案通知; the clerk marks it served.
After every step `beian status CASE --json` must show the step (stage, action, user). The
workbench refuses a date after its today, so the walk serves the registry again as of
2026-09-29 and 2026-10-21 (Demo.serve_on). Also: a
clerk sees no issue form and is refused (403) when posting one; a 长春 clerk cannot open a
吉林市 case (404).

usage: workbench_test.py --beian BIN --out DIR
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "web"))
from workbench import (Demo, check, finish, new_institution_dossier, uscc_with_check,  # noqa: E402
                       zip_folder)

from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.common.exceptions import WebDriverException  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

# The institution of the uploaded dossier: the province's sample R05 under another name and
# credit code, a first filing the demo's registry has not seen.
NEW_NAME = "吉林省网上收件职业技能评价中心"


def click_and_load(driver, element):
    """Clicks a submit button or link and waits until the next page has replaced this one: a
    click returns before the new page is there, and reading the old (or a half-loaded) page
    makes the check flaky. The old page is marked on its window object (a new page has a new
    one); asking while the page changes may fail (chromium answers "Node with given id does not
    belong to the document", not a stale element), and is asked again."""
    driver.execute_script("window.beianOldPage = true;")
    element.click()

    def next_page_loaded(d):
        try:
            return d.execute_script(
                "return !window.beianOldPage && document.readyState === 'complete';")
        except WebDriverException:
            return False

    WebDriverWait(driver, 20).until(next_page_loaded)



def browser(profile):
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for flag in ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-extensions", "--window-size=1400,2000",
                 "--user-data-dir=" + profile]:
        options.add_argument(flag)
    service = Service(executable_path=shutil.which("chromedriver")
                                      or "/usr/bin/chromedriver")
    return webdriver.Chrome(options=options, service=service)


class Walk:
    def __init__(self, demo, driver, out):
        self.demo, self.d, self.out = demo, driver, out
        self.base = "http://127.0.0.1:%d" % demo.port
        self.case = None

    def login(self, user):
        d = self.d
        d.delete_all_cookies()
        d.get(self.base + "/login")
        d.find_element(By.ID, "user").send_keys(user)
        d.find_element(By.ID, "password").send_keys(self.demo.users[user])
        click_and_load(d, d.find_element(By.ID, "login"))
        check(d.current_url.endswith("/cases"), "%s logged in (at %s)" % (user, d.current_url))

    def serve_on(self, date):
        """The registry served again with `date` as the workbench's today (Demo.serve_on)."""
        self.demo.serve_on(date)
        self.base = "http://127.0.0.1:%d" % self.demo.port

    def open_case(self):
        self.d.get(self.base + "/cases/" + self.case)

    def fill(self, form_id, values, selects=None):
        form = self.d.find_element(By.ID, form_id)
        for name, value in values.items():
            field = form.find_element(By.NAME, name)
            field.clear()
            field.send_keys(value)
        for name, value in (selects or {}).items():
            Select(form.find_element(By.NAME, name)).select_by_value(value)
        click_and_load(self.d, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))

    def expect(self, step, stage, action, user):
        st = self.demo.beian_json("status", self.case, "--json")
        last = st["history"][-1]
        ok = st["stage"] == stage and last["action"] == action and last["user"] == user
        check(ok, "%s: status shows stage %s, last %s by %s (got %s, %s by %s)" %
              (step, stage, action, user, st["stage"], last["action"], last["user"]))
        page_stage = self.d.find_element(By.ID, "stage").get_attribute("data-stage")
        check(page_stage == stage, "%s: the page shows stage %s (got %s)" % (step, stage, page_stage))
        self.d.save_screenshot(os.path.join(self.out, step + ".png"))
        return st

    def upload(self):
        """收件: the clerk uploads the new institution's dossier as a zip and lands on its new
        case; `beian status` shows it received, its version stored as web-…-clerk-…, with its
        材料接收回执."""
        d = self.d
        folder = new_institution_dossier(
            os.path.join(HERE, "..", "..", "samples", "intake", "R05-吉林省现代职业技能评价中心-省属机构"),
            os.path.join(self.out, "new-dossier"), "吉林省现代职业技能评价中心", NEW_NAME,
            "12220000MB0C2D7E4J", uscc_with_check("12220000MB0C2D7F5"))
        archive = zip_folder(folder, os.path.join(self.out, "申请材料.zip"))
        click_and_load(d, d.find_element(By.ID, "nav-intake"))
        d.save_screenshot(os.path.join(self.out, "intake.png"))
        d.find_element(By.ID, "intake-files").send_keys(archive)
        form = d.find_element(By.ID, "form-intake-zip")
        click_and_load(d, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
        ids = d.find_elements(By.ID, "case-id")
        if not check(ids and "/cases/" in d.current_url, "upload lands on the new case (at %s)"
                     % d.current_url):
            return False
        self.case = ids[0].text
        st = self.expect("upload", "received", "received", "clerk")
        check(st["institution"] == NEW_NAME and st["versions"][-1]["folder"].startswith("web-")
              and "-clerk-" in st["versions"][-1]["folder"], "a new case from the upload: %r"
              % st["versions"])
        check([x["kind"] for x in st["documents"]] == ["receipt"], "with its 材料接收回执: %r"
              % st["documents"])
        # The file viewer: the zip is the dossier's one file; its entries are listed, the form
        # inside shown as text.
        links = d.find_elements(By.CSS_SELECTOR, "#files a")
        if check(len(links) == 1, "the case page lists the uploaded zip (%d files)" % len(links)):
            click_and_load(d, links[0])
            click_and_load(d, d.find_element(
                By.XPATH, "//table[@id='entries']//tr[td[1]='申请表.docx']//a"))
            check(NEW_NAME in d.find_element(By.ID, "file-text").text,
                  "the form inside the uploaded zip shown as text")
            d.save_screenshot(os.path.join(self.out, "zip-entry.png"))
            d.get(self.base + "/cases/" + self.case)
        return True

    def upload_folder(self):
        """收件 through the browser's folder picker: Chromium sends each file as
        <folder>/<sub>/<name>; the picked folder's name is dropped, so R05's folder, unchanged,
        is recognised as R05's dossier and the clerk lands on its case."""
        d = self.d
        self.login("clerk")
        click_and_load(d, d.find_element(By.ID, "nav-intake"))
        sample = os.path.join(HERE, "..", "..", "samples", "intake", "R05-吉林省现代职业技能评价中心-省属机构")
        d.find_element(By.ID, "intake-folder-picker").send_keys(os.path.abspath(sample))
        form = d.find_element(By.ID, "form-intake-folder")
        click_and_load(d, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
        r05 = [c["case"] for c in self.demo.beian_json("status", "--json")["open_cases"]
               if c["institution"] == "吉林省现代职业技能评价中心"]
        check(r05 and d.current_url.endswith("/cases/" + r05[0]),
              "R05's folder picked and uploaded: its case (at %s)" % d.current_url)
        stored = [n for n in os.listdir(self.demo.intake) if n.startswith("web-")]
        has_form = [n for n in stored if os.path.isfile(os.path.join(self.demo.intake, n, "申请表.docx"))
                    and os.path.isfile(os.path.join(self.demo.intake, n, "人员名单", "专家名单.xlsx"))]
        check(len(has_form) == 1, "the picked folder stored as the dossier, sub-folders kept: %r" % stored)

    def view_form(self):
        """The file viewer on R05's case page: the form's text, in the browser."""
        d = self.d
        d.get(self.base + "/cases?q=" + "吉林省现代职业技能评价中心")
        click_and_load(d, d.find_element(By.CSS_SELECTOR, "#cases tbody a"))
        link = d.find_element(By.XPATH, "//table[@id='files']//tr[td[2]='申请表.docx']//a")
        click_and_load(d, link)
        text = d.find_element(By.ID, "file-text").text
        check("12220000MB0C2D7E4J" in text, "the form's text is shown (%r)" % text[:80])
        d.save_screenshot(os.path.join(self.out, "viewer.png"))

    def run(self):
        d = self.d
        # Clerk: upload the dossier, find the new case by search, receive it.
        self.login("clerk")
        if not self.upload():
            return
        d.get(self.base + "/cases")
        search = d.find_element(By.ID, "q")
        search.send_keys(NEW_NAME)
        click_and_load(d, d.find_element(By.ID, "search"))
        links = d.find_elements(By.CSS_SELECTOR, "#cases tbody a")
        if not check(len(links) == 1 and links[0].text == self.case,
                     "search finds the uploaded case alone (%d rows)" % len(links)):
            return
        d.save_screenshot(os.path.join(self.out, "cases.png"))
        self.view_form()
        d.get(self.base + "/cases/" + self.case)
        check(not d.find_elements(By.CSS_SELECTOR, "form[id^='issue-']"), "clerk sees no issue form")
        self.fill("form-decide-received", {"date": "2026-09-21"}, {"result": "pass"})
        self.expect("received", "preliminary", "decide", "clerk")
        # The workbench refuses a date after its today (the demo's 2026-09-21): the next
        # steps are taken on a later day, the registry served again as of 2026-09-29.
        self.serve_on("2026-09-29")

        # Reviewer: preliminary, scoring sheet, evaluation, summary, deliberation.
        self.login("reviewer")
        self.open_case()
        self.fill("form-decide-preliminary", {"date": "2026-09-22"}, {"result": "pass"})
        self.expect("preliminary", "technical", "decide", "reviewer")
        sheet = self.download_sheet()
        filled = os.path.join(self.out, "filled.xlsx")
        subprocess.run([sys.executable, os.path.join(HERE, "..", "evaluation", "xlsx_tool.py"),
                        "fill", sheet, filled], check=True)
        # The filled sheet previewed (its scores shown, nothing recorded), then recorded.
        form = d.find_element(By.ID, "form-scores")
        form.find_element(By.NAME, "scores").send_keys(filled)
        click_and_load(d, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
        check(d.find_elements(By.ID, "scores-percent") and
              self.demo.beian_json("status", self.case, "--json")["stage"] == "technical",
              "the scoring sheet's preview shows its scores and records nothing")
        d.save_screenshot(os.path.join(self.out, "scores.png"))
        self.fill("form-scores-record", {"date": "2026-09-23", "note": "专家组评估合格。"},
                  {"result": "pass"})
        self.expect("evaluate", "comprehensive", "evaluate", "reviewer")
        self.fill("form-summarize", {"date": "2026-09-24", "note": "专家组一致同意。"},
                  {"result": "pass"})
        self.expect("summarize", "deliberation", "summarize", "reviewer")
        self.fill("form-deliberate", {"date": "2026-09-25"},
                  {"result": "pass"})
        self.expect("deliberate", "publicity", "deliberate", "reviewer")

        # Archivist: 公示 across 国庆 2026 (issued: filing follows the issued 公示), filing, issue.
        self.login("archivist")
        self.open_case()
        self.fill("form-publicize", {"start": "2026-09-29", "date": "2026-09-29"})
        self.expect("publicize", "publicity", "publicize", "archivist")
        self.due_list()
        # Filing, issue, delivery and termination as of 2026-10-21.
        self.serve_on("2026-10-21")
        self.login("archivist")
        self.open_case()
        self.fill("form-file", {"date": "2026-10-09"})  # the 公示 has not ended: refused
        check("409" in d.find_element(By.ID, "status").text, "filing during the 公示: 409")
        self.open_case()
        self.fill("form-file", {"date": "2026-10-15"})  # the 公示 is still a draft: refused
        check("409" in d.find_element(By.ID, "status").text, "filing before the 公示 is issued: 409")
        st = self.demo.beian_json("status", self.case, "--json")
        publicity = [x["id"] for x in st["documents"] if x["kind"] == "publicity_notice"]
        if not check(len(publicity) == 1, "a 公示 draft"):
            return
        self.open_case()
        self.fill("issue-" + publicity[0], {"date": "2026-09-29"})
        self.open_case()
        self.fill("form-file", {"date": "2026-10-15"})
        st = self.expect("file", "filed", "file", "archivist")
        notice = [x for x in st["documents"] if x["kind"] == "filing_notice"]
        if not check(len(notice) == 1, "a 备案通知 draft"):
            return
        doc = notice[0]["id"]
        self.fill("issue-" + doc, {"date": "2026-10-16"})
        st = self.demo.beian_json("status", self.case, "--json")
        issued = [x for x in st["documents"] if x["id"] == doc][0]
        check(issued["state"] == "issued" and issued["number"], "issued with a number: %r" % issued)

        # Clerk: cannot issue; marks the notice served.
        self.login("clerk")
        self.open_case()
        self.fill("served-" + doc, {"date": "2026-10-19"})
        st = self.expect("served", "filed", "served", "clerk")
        served = [x for x in st["documents"] if x["id"] == doc][0]
        check(served["served"] == "2026-10-19", "served on 2026-10-19: %r" % served)
        self.clerk_cannot_issue()
        self.lists()
        self.reissue_and_terminate(doc)
        self.upload_folder()
        self.opinion_points()

        # A 长春 clerk cannot open a 吉林市 case.
        self.login("clerk-220100")
        d.get(self.base + "/cases?q=" + "吉林市江城烹饪")
        check(not d.find_elements(By.CSS_SELECTOR, "#cases tbody a"), "长春 clerk: no 吉林市 case listed")
        jilin = self.demo.beian_json("status", "--json")
        ids = [c["case"] for c in jilin["open_cases"] if c["authority"] == "220200"]
        if check(ids, "a 吉林市 case exists"):
            d.get(self.base + "/cases/" + ids[0])
            check("404" in d.find_element(By.ID, "status").text, "长春 clerk: 吉林市 case is 404")

    def opinion_points(self):
        """初评意见: an open point is a choice slot; the reviewer picks 符合 with its radio button
        on the document page, and beian status shows it saved. The demo runs without PDFs, so
        the opinion comes from a run (with its drafts) of S01 under another name."""
        d = self.d
        folder = os.path.join(self.out, "opinion-in")
        new_institution_dossier(
            os.path.join(HERE, "..", "..", "samples", "intake", "S01-长春鼎新职业技能培训学校-首次申请"),
            os.path.join(folder, "S01-points"), "长春市鼎新职业技能培训学校",
            "长春市浏览器勾选职业技能培训学校", "52220102MJ0A1B2C32", uscc_with_check("52220102MJ0A1B2E5"))
        self.demo.beian("run", folder, "--out", os.path.join(self.out, "opinion-out"), "--date",
                        "2026-10-21", "--quiet", "--config",
                        os.path.join(HERE, "..", "..", "templates", "web", "demo.json"))
        cases = [c for c in self.demo.beian_json("status", "--json")["open_cases"]
                 if c["institution"] == "长春市浏览器勾选职业技能培训学校"]
        if not check(len(cases) == 1, "the run registered the copy"):
            return
        case = cases[0]["case"]
        docs = self.demo.beian_json("status", case, "--json")["documents"]
        opinion = [x["id"] for x in docs if x["kind"] == "preliminary_opinion"]
        if not check(len(opinion) == 1, "the run kept its 初评意见 (open points)"):
            return
        slots = self.demo.beian_json("status", opinion[0], "--json")["slots"]
        point = [s["name"] for s in slots if s.get("choices") == ["符合", "不符合"]]
        if not check(point, "status --json lists the points with their choices: %r" % slots):
            return
        self.login("reviewer")
        page = self.base + "/cases/%s/documents/%s" % (case, opinion[0])
        d.get(page)
        form = d.find_element(By.ID, "slot-" + point[0])
        check(not form.find_elements(By.TAG_NAME, "textarea"), "a choice slot has no text box")
        form.find_element(By.CSS_SELECTOR, "input[type=radio][value='符合']").click()
        click_and_load(d, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
        saved = self.demo.beian_json("status", opinion[0], "--json")["slots"]
        check([s["text"] for s in saved if s["name"] == point[0]] == ["符合"],
              "the radio button's value is saved: %r" % saved)
        form = d.find_element(By.ID, "slot-" + point[0])
        check(form.find_element(By.CSS_SELECTOR, "input[type=radio][value='符合']").is_selected(),
              "the page shows the saved choice selected")
        d.save_screenshot(os.path.join(self.out, "opinion-points.png"))

    def lists(self):
        """台账 and 已备案机构 as the province's clerk: the case, and its filing as of a date."""
        d = self.d
        click_and_load(d, d.find_element(By.ID, "nav-ledger"))
        check(d.find_elements(By.CSS_SELECTOR, "#ledger tr[data-case='%s']" % self.case),
              "the 台账 lists the case")
        click_and_load(d, d.find_element(By.ID, "nav-filed"))
        d.execute_script("document.getElementById('filed-date').value = '2026-10-20'")
        click_and_load(d, d.find_element(By.ID, "filed-search"))
        check(NEW_NAME in d.find_element(By.ID, "filed").text,
              "已备案机构 as of 2026-10-20 lists the new filing")
        d.save_screenshot(os.path.join(self.out, "filed.png"))
        self.open_case()

    def due_list(self):
        """到期事项: the 公示's end is listed for the archivist, not for a 长春 clerk."""
        d = self.d
        click_and_load(d, d.find_element(By.ID, "nav-due"))
        d.find_element(By.ID, "within").clear()
        d.find_element(By.ID, "within").send_keys("30")
        click_and_load(d, d.find_element(By.ID, "due-search"))
        rows = [r.text for r in d.find_elements(By.CSS_SELECTOR, "#due tbody tr[data-kind=publicity_ends]")]
        check(any(self.case in r for r in rows), "the due list shows the 公示's end: %r" % rows)
        d.save_screenshot(os.path.join(self.out, "due.png"))
        self.login("clerk-220100")
        d.get(self.base + "/due?within=30")
        check(self.case not in d.find_element(By.TAG_NAME, "main").text,
              "a 长春 clerk's due list leaves out the province's case")
        self.login("archivist")
        self.open_case()

    def reissue_and_terminate(self, doc):
        """Archivist: a corrected re-issue of the 备案通知 (a new draft), then the filing ended
        by order (Art. 11): refused without a reason (409, the CLI's message), done with one."""
        d = self.d
        self.login("archivist")
        self.open_case()
        click_and_load(d, d.find_element(By.ID, "nav-archive"))
        click_and_load(d, d.find_element(By.CSS_SELECTOR, "#form-archive-verify button"))
        check(d.find_element(By.ID, "archive-result").get_attribute("data-problems") == "0",
              "the archive verification passes with the issued 公示 and 备案通知")
        d.save_screenshot(os.path.join(self.out, "archive.png"))
        archived = [os.path.join(r, n) for r, _, ns in
                    os.walk(os.path.join(os.path.dirname(self.demo.registry), "archive"))
                    for n in ns if n.endswith(".pdf")]
        # The 公示 and the 备案通知; the notice's copy is altered.
        number = [x["number"] for x in self.demo.beian_json("status", self.case, "--json")["documents"]
                  if x["id"] == doc][0]
        archived = [a for a in archived if os.path.basename(a) == number + ".pdf"]
        if check(len(archived) == 1, "the 备案通知's archived PDF: %r" % archived):
            with open(archived[0], "ab") as f:
                f.write(b"%altered")
            click_and_load(d, d.find_element(By.CSS_SELECTOR, "#form-archive-verify button"))
            check(d.find_element(By.ID, "archive-result").get_attribute("data-problems") == "1"
                  and os.path.basename(archived[0]) in d.find_element(By.ID, "archive-lines").text,
                  "an altered archived PDF is named by the verification")
        self.open_case()
        self.fill("reissue-" + doc, {"date": "2026-10-20"})
        check(d.current_url.endswith("/cases/" + self.case), "reissue: back on the case page")
        st = self.demo.beian_json("status", self.case, "--json")
        drafts = [x for x in st["documents"] if x["kind"] == "filing_notice" and x["state"] == "draft"]
        check(len(drafts) == 1, "a new draft of the 备案通知: %r" % st["documents"])
        form = d.find_element(By.ID, "form-terminate")
        form.find_element(By.NAME, "ordered").click()
        self.fill("form-terminate", {"date": "2026-10-21"})
        check("409" in d.find_element(By.ID, "status").text and
              "理由" in d.find_element(By.ID, "message").text,
              "an ordered termination without a reason: 409 with the CLI's message (%s)"
              % d.find_element(By.ID, "message").text)
        self.open_case()
        form = d.find_element(By.ID, "form-terminate")
        form.find_element(By.NAME, "ordered").click()
        self.fill("form-terminate", {"date": "2026-10-21", "reason": "测试：责令终止。"})
        st = self.expect("terminate", "terminated", "terminate_ordered", "archivist")
        check(any(x["kind"] == "termination_notice" for x in st["documents"]),
              "a 终止备案通知 draft: %r" % st["documents"])

    def download_sheet(self):
        cookies = "; ".join(c["name"] + "=" + c["value"] for c in self.d.get_cookies())
        req = urllib.request.Request(self.base + "/cases/%s/scoresheet" % self.case,
                                     headers={"Cookie": cookies})
        path = os.path.join(self.out, "sheet.xlsx")
        with urllib.request.urlopen(req) as res, open(path, "wb") as f:
            f.write(res.read())
        return path

    def clerk_cannot_issue(self):
        """A clerk posting the issue form anyway (with a valid token) is refused."""
        d = self.d
        token = d.find_element(By.CSS_SELECTOR, "meta[name=csrf-token]").get_attribute("content")
        cookies = "; ".join(c["name"] + "=" + c["value"] for c in d.get_cookies())
        data = ("csrf=%s&document=x" % token).encode()
        req = urllib.request.Request(self.base + "/cases/%s/issue" % self.case, data=data,
                                     headers={"Cookie": cookies})
        try:
            urllib.request.urlopen(req)
            status = 200
        except urllib.error.HTTPError as e:
            status = e.code
        check(status in (403, 404), "clerk posting issue: refused (got %d)" % status)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--beian", required=True)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    demo = Demo(args.beian, "2026-09-21")
    profile = tempfile.mkdtemp(prefix="beian-chromium-")
    driver = None
    try:
        driver = browser(profile)
        Walk(demo, driver, args.out).run()
    finally:
        if driver:
            driver.quit()
        demo.stop()
        shutil.rmtree(profile, ignore_errors=True)
    return finish("workbench_test")


if __name__ == "__main__":
    sys.exit(main())
