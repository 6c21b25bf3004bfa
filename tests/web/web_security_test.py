#!/usr/bin/env python3
"""Security of the workbench (beian serve; docs/web-admin.md), through the binary over HTTP.

Starts `beian serve --demo` and checks: /healthz without a session; no session -> 303 to /login
(401 for JSON); the security headers on every answer; a form without or with a wrong CSRF token
-> 403 and nothing recorded; a wrong role -> 403; another office's case -> 404; a guard's
refusal -> 409 with the CLI's own message; a note holding <script>, quotes and control
characters shown escaped; ../ paths -> 404; the lockout after login_max_failures failures and
`beian user unlock`; user add/list/disable through the CLI.

usage: web_security_test.py --beian BIN
Exit 0 when every check passes; 1 with the failures listed otherwise.
"""
import argparse
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.parse

sys.path.insert(0, __import__("os").path.dirname(__file__))
from workbench import (Client, Demo, check, finish, multipart,  # noqa: E402
                       new_institution_dossier, text_of, uscc_with_check)

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLES = os.path.join(HERE, "..", "..", "samples", "intake")



HEADERS = {
    "content-security-policy": "default-src 'self'",
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
}


def check_headers(headers, where):
    for key, value in HEADERS.items():
        check(headers.get(key) == value, "%s: header %s is %r" % (where, key, headers.get(key)))


def find_case(client, name_part):
    status, _, body = client.get("/cases?q=" + __import__("urllib.parse").parse.quote(name_part),
                                 headers={"Accept": "application/json"})
    rows = json.loads(body)["cases"] if status == 200 else []
    return rows[0] if rows else None


def history_length(demo, case):
    return len(demo.beian_json("status", case, "--json")["history"])


def intake_entries(demo):
    return sorted(os.listdir(demo.intake))


def upload(client, token, files):
    body, content_type = multipart({"csrf": token} if token else {},
                                   [("files", name, data) for name, data in files])
    return client.request("POST", "/intake", body=body, content_type=content_type)


def upload_r05_as(demo, client, name, uscc17):
    """Uploads (收件, as a picked folder) R05's dossier under another name and credit code."""
    work = tempfile.mkdtemp(prefix="beian-web-r05-", dir=demo.env["TMPDIR"])
    folder = new_institution_dossier(
        os.path.join(SAMPLES, "R05-吉林省现代职业技能评价中心-省属机构"), os.path.join(work, "d"),
        "吉林省现代职业技能评价中心", name, "12220000MB0C2D7E4J", uscc_with_check(uscc17))
    return upload(client, client.csrf("/intake"), picked_folder(folder, "d"))


def picked_folder(folder, name):
    """The files of `folder` as a browser's folder picker sends them: name/sub/file."""
    files = []
    for root, _, names in os.walk(folder):
        for n in names:
            full = os.path.join(root, n)
            files.append((name + "/" + os.path.relpath(full, folder), open(full, "rb").read()))
    return files


def logged_in(demo, user):
    client = Client(demo.port)
    client.login(user, demo.users[user])
    return client


def check_page_guarded(demo, path, other_role):
    """`path` without a session: 303 to /login; as a user of `other_role`: 403."""
    status, headers, _ = Client(demo.port).get(path)
    check(status == 303 and headers.get("location") == "/login", path + " without a session: 303")
    check(logged_in(demo, other_role).get(path)[0] == 403, "%s opening %s: 403" % (other_role, path))


def check_intake(demo):
    """收件: role, CSRF, names cleaned and confined, limits before storing, registration."""
    check_page_guarded(demo, "/intake", "reviewer")
    before = intake_entries(demo)
    status, headers, _ = upload(Client(demo.port), "", [("申请表.docx", b"x" * 100000)])
    check(status == 303 and headers.get("location") == "/login" and intake_entries(demo) == before,
          "an upload without a session: 303 to /login, nothing stored (got %d)" % status)
    reviewer = logged_in(demo, "reviewer")
    status, _, _ = upload(reviewer, reviewer.csrf(), [("a.pdf", b"%PDF-1.4")])
    check(status == 403, "a reviewer uploading: 403 (got %d)" % status)
    clerk = Client(demo.port)
    clerk.login("clerk", demo.users["clerk"])
    status, _, body = clerk.get("/intake")
    check(status == 200 and b'id="intake-folder-picker"' in body and b"webkitdirectory" in body,
          "the clerk's 收件 page has the zip and folder forms")
    token = clerk.csrf("/intake")
    before = intake_entries(demo)
    form = open(os.path.join(SAMPLES, "R05-吉林省现代职业技能评价中心-省属机构", "申请表.docx"),
                "rb").read()

    status, _, _ = upload(clerk, "", [("申请表.docx", form)])
    check(status == 403, "upload without csrf: 403 (got %d)" % status)
    status, _, _ = upload(clerk, "0" * 64, [("申请表.docx", form)])
    check(status == 403, "upload with a wrong csrf: 403 (got %d)" % status)
    for bad in ["../../../tmp/evil.pdf", "dossier/../../evil.pdf", "..\\..\\evil.pdf",
                "a/\x01b.pdf", "/", "a.pdf"]:
        files = [(bad, b"x")] + ([("a.pdf", b"y")] if bad == "a.pdf" else [])
        status, _, body = upload(clerk, token, files)
        check(status == 400 and "文件名不可接受" in text_of(body),
              "upload named %r refused with 400 (got %d)" % (bad, status))
    many = [("f%d.txt" % i, b"x") for i in range(5001)]  # limits.max_files = 5000
    status, _, body = upload(clerk, token, many)
    check(status == 413 and "limits.max_files" in text_of(body),
          "5001 files: 413 with the limit named (got %d)" % status)
    deep = [("/".join("d%d" % i for i in range(10)) + "/a.pdf", b"x"), ("b.pdf", b"y")]
    status, _, body = upload(clerk, token, deep)
    check(status == 413 and "max_folder_depth" in text_of(body),
          "a file 10 folders deep: 413 (got %d)" % status)
    status, _, body = upload(clerk, token, [("big.pdf", b"0" * (65 << 20))])
    check(status == 413 and "收件限制" in body.decode("utf-8", "replace"),
          "past web_max_upload_bytes (64 MiB): 413 in Chinese (got %d)" % status)
    check(intake_entries(demo) == before, "nothing refused was stored: %r" %
          sorted(set(intake_entries(demo)) - set(before)))
    check(not os.path.exists("/tmp/evil.pdf"), "nothing written outside the intake")

    # A picked folder: the common folder is dropped, sub-folders kept; an absolute name stays
    # inside the dossier.
    sample = os.path.join(SAMPLES, "R05-吉林省现代职业技能评价中心-省属机构")
    status, headers, _ = upload(clerk, token, picked_folder(sample, "R05"))
    r05 = find_case(clerk, "吉林省现代职业技能评价中心")
    check(status == 303 and r05 and headers.get("location") == "/cases/" + r05["case"],
          "R05 uploaded as a folder (unchanged): 303 to its case (got %d %r)" %
          (status, headers.get("location")))
    new = sorted(set(intake_entries(demo)) - set(before))
    check(len(new) == 1 and re.fullmatch(r"web-\d{8}-\d{6}-clerk-[0-9a-f]{4}", new[0]),
          "stored as web-<date>-<time>-clerk-<random>: %r" % new)
    if new:
        stored = os.path.join(demo.intake, new[0])
        check(os.path.isfile(os.path.join(stored, "申请表.docx")) and
              os.path.isfile(os.path.join(stored, "人员名单", "专家名单.xlsx")),
              "the picked folder's files are the dossier's, sub-folders kept")
    before = intake_entries(demo)
    status, headers, body = upload(clerk, token, [("/tmp/abs/说明.pdf", b"%PDF-1.4\n"),
                                                  ("<b>&x'.pdf", b"%PDF-1.4\n")])
    new = sorted(set(intake_entries(demo)) - set(before))
    check(status == 200 and len(new) == 1 and
          os.path.isfile(os.path.join(demo.intake, new[0], "tmp", "abs", "说明.pdf")) and
          not os.path.exists("/tmp/abs/说明.pdf"),
          "an absolute name is stored inside the dossier (got %d, %r)" % (status, new))
    check("未能登记" in text_of(body) and b"<b>&" not in body,
          "a dossier without a form: checked, not registered, the page says so")
    check(not any(n.startswith(".web-upload-") for n in os.listdir(demo.intake)),
          "no temporary upload folder left")

    # A new institution (R05 under another name and credit code) with a hostile file name: a
    # new case, its files recorded at once and listed escaped.
    work = tempfile.mkdtemp(prefix="beian-web-intake-", dir=demo.env["TMPDIR"])
    folder = new_institution_dossier(sample, os.path.join(work, "d"), "吉林省现代职业技能评价中心",
                                     "吉林省安全测试职业技能评价中心", "12220000MB0C2D7E4J",
                                     uscc_with_check("12220000MB0C2D7G6"))
    with open(os.path.join(folder, "<img src=x onerror=alert(1)>'\".pdf"), "wb") as f:
        f.write(b"%PDF-1.4\n")
    status, headers, _ = upload(clerk, token, picked_folder(folder, "材料"))
    new_case = find_case(clerk, "吉林省安全测试职业技能评价中心")
    check(status == 303 and new_case and headers.get("location") == "/cases/" + new_case["case"],
          "a new institution's folder: 303 to its new case (got %d %r)" % (status, headers.get("location")))
    if new_case:
        st = demo.beian_json("status", new_case["case"], "--json")
        check(st["stage"] == "received" and st["history"][0]["user"] == "clerk" and
              [d["kind"] for d in st["documents"]] == ["receipt"],
              "registered by the clerk with its 材料接收回执: %r" % st["documents"])
        _, _, body = clerk.get("/cases/" + new_case["case"])
        check(b"<img src=x" not in body and b"&lt;img src=x onerror=alert(1)&gt;&#39;&quot;.pdf" in body,
              "the uploaded file name is listed escaped")


def file_links(body):
    return [m.decode() for m in re.findall(rb'href="/files/(F[0-9a-f]{24})"', body)]


def check_files(demo):
    """The file viewer: by id only, office scope, role, 410 for a file changed since."""
    clerk = Client(demo.port)
    clerk.login("clerk", demo.users["clerk"])
    r05 = find_case(clerk, "吉林省现代职业技能评价中心")
    jilin = find_case(clerk, "吉林市江城烹饪")
    status, _, body = clerk.get("/cases/" + r05["case"])
    ids = file_links(body)
    check(len(ids) == 20, "R05's case page lists its 20 files (got %d)" % len(ids))
    if len(ids) != 20:
        return
    rows = dict(re.findall(rb'<tr data-file="(F[0-9a-f]{24})"><td>\d+</td><td>([^<]*)</td>', body))
    name = {k.decode(): v.decode() for k, v in rows.items()}
    folder = demo.beian_json("status", r05["case"], "--json")["versions"][-1]["folder"]
    pdf = [i for i in ids if name.get(i) == "申请报告.pdf"][0]
    status, headers, data = clerk.get("/files/" + pdf)
    on_disk = open(os.path.join(demo.intake, folder, "申请报告.pdf"), "rb").read()
    check(status == 200 and headers.get("content-type") == "application/pdf" and
          headers.get("content-disposition", "").startswith("inline") and data == on_disk,
          "a PDF is served inline, its bytes as received (got %d %r)" % (status, headers))
    check_headers(headers, "a served file")
    png = [i for i in ids if name.get(i, "").endswith(".png")][0]
    status, headers, _ = clerk.get("/files/" + png)
    check(status == 200 and headers.get("content-type") == "image/png", "an image inline")
    form = [i for i in ids if name.get(i) == "申请表.docx"][0]
    status, _, data = clerk.get("/files/" + form)
    check(status == 200 and "12220000MB0C2D7E4J" in text_of(data) and "吕振东" in text_of(data),
          "a docx shown as its text (got %d)" % status)
    sheet = [i for i in ids if name.get(i) == "人员名单/专家名单.xlsx"][0]
    status, _, data = clerk.get("/files/" + sheet)
    check(status == 200 and "<td>" in data.decode(), "an xlsx shown as its cells")

    anon = Client(demo.port)
    status, headers, _ = anon.get("/files/" + pdf)
    check(status == 303 and headers.get("location") == "/login", "a file without a session: 303")
    admin = Client(demo.port)
    admin.login("admin", demo.users["admin"])
    check(admin.get("/files/" + pdf)[0] == 403, "admin opening a file: 403 (roles.tsv files)")
    cc = Client(demo.port)
    cc.login("clerk-220100", demo.users["clerk-220100"])
    jl = Client(demo.port)
    jl.login("clerk-220200", demo.users["clerk-220200"])
    _, _, body = jl.get("/cases/" + jilin["case"])
    jilin_ids = file_links(body)
    check(jilin_ids, "吉林市 clerk sees the 吉林市 case's files")
    if jilin_ids:
        status, _, _ = cc.get("/files/" + jilin_ids[0])
        check(status == 404, "长春 clerk opening a 吉林市 file: 404 (got %d)" % status)
    for path in ["/files/../../etc/passwd", "/files/..%2F..%2Fetc%2Fpasswd",
                 "/files/" + pdf + "/../../../etc/passwd", "/files/F" + "0" * 24,
                 "/files/" + pdf[:-1], "/files/%2Fetc%2Fpasswd", "/files/" + urllib.parse.quote(folder + "/申请报告.pdf", safe="")]:
        status, _, _ = clerk.get(path)
        check(status in (400, 404), "%s: 404 (got %d)" % (path, status))

    # A file changed, replaced or removed since it was received: 410, never its new bytes.
    target = os.path.join(demo.intake, folder, "申请报告.pdf")
    with open(target, "ab") as f:
        f.write(b"%changed")
    status, _, data = clerk.get("/files/" + pdf)
    check(status == 410 and "不一致" in text_of(data), "a changed file: 410 (got %d)" % status)
    os.remove(target)
    check(clerk.get("/files/" + pdf)[0] == 410, "a removed file: 410")
    # A version folder that changed before its files were recorded: none listed.
    s01 = find_case(clerk, "鼎新")
    s01_folder = demo.beian_json("status", s01["case"], "--json")["versions"][-1]["folder"]
    with open(os.path.join(demo.intake, s01_folder, "后加的文件.pdf"), "wb") as f:
        f.write(b"%PDF-1.4")
    _, _, body = clerk.get("/cases/" + s01["case"])
    check(not file_links(body) and "不一致" in text_of(body),
          "a version folder changed since it was received: no file listed")

    # A dossier sent as one zip: its entries listed and shown by their index in the zip.
    archive = os.path.join(HERE, "..", "e2e", "testdata", "丙-整包压缩", "申请材料.zip")
    status, headers, _ = upload(clerk, clerk.csrf("/intake"),
                                [("申请材料.zip", open(archive, "rb").read())])
    check(status == 303, "a zip uploaded: 303 (got %d)" % status)
    _, _, body = clerk.get(headers.get("location", "/cases"))
    zips = file_links(body)
    check(len(zips) == 1, "the zip is the version's one file (%d)" % len(zips))
    if len(zips) != 1:
        return
    status, _, body = clerk.get("/files/" + zips[0])
    entries = re.findall(rb'<tr data-entry="(\d+)"><td>([^<]*)</td>', body)
    names = {n.decode(): i.decode() for i, n in entries}
    form_entry = "申请材料/附件1 申请表.docx"  # GBK names (a Chinese Windows zip) decoded
    check(status == 200 and len(entries) == 21 and form_entry in names,
          "the zip's page lists its entries (%d): %r" % (len(entries), sorted(names)[:5]))
    if form_entry in names:
        status, _, data = clerk.get("/files/%s/%s" % (zips[0], names[form_entry]))
        check(status == 200 and "统一社会信用代码" in text_of(data), "the form inside the zip as text")
    status, headers, data = clerk.get("/files/%s?download=1" % zips[0])
    check(status == 200 and headers.get("content-disposition", "").startswith("attachment")
          and data == open(archive, "rb").read(), "the whole zip downloaded")
    # Each version's files: the zip is version 2 of S01's case; version 1's folder changed.
    page = "/cases/" + s01["case"]
    _, _, body = clerk.get(page)
    check(file_links(body) == zips and b'href="/cases/%s?version=1"' % s01["case"].encode() in body,
          "the case page shows the current version's files and links the earlier version")
    _, _, body = clerk.get(page + "?version=1")
    check(not file_links(body) and "不一致" in text_of(body), "version 1 (changed): no file listed")
    _, _, body = clerk.get(page + "?version=7")
    check(not file_links(body) and "未找到" in text_of(body), "no version 7: said so")
    for path in ["/files/%s/999999" % zips[0], "/files/%s/0" % form, "/files/%s/-1" % zips[0],
                 "/files/%s/..%%2F0" % zips[0]]:
        check(clerk.get(path)[0] == 404, "%s: 404" % path)


def check_more_actions(demo):
    """terminate and reissue: roles (403), the CLI's guards (409 with its message), a document
    of another case (404); nothing recorded when refused."""
    clerk = Client(demo.port)
    clerk.login("clerk", demo.users["clerk"])
    archivist = Client(demo.port)
    archivist.login("archivist", demo.users["archivist"])
    r05 = find_case(archivist, "吉林省现代职业技能评价中心")["case"]
    s01 = find_case(archivist, "鼎新")["case"]
    page = "/cases/" + r05
    before = history_length(demo, r05)
    status, _, _ = clerk.post(page + "/terminate", {"voluntary": "on", "csrf": clerk.csrf(page)})
    check(status == 403, "a clerk terminating: 403 (got %d)" % status)
    token = archivist.csrf(page)
    status, _, body = archivist.post(page + "/terminate", {"voluntary": "on", "csrf": token,
                                                           "date": "2026-09-21"})
    cli = demo.beian("terminate", r05, "--voluntary", "--date", "2026-09-21", "--user", "cli")
    message = cli.stderr.strip().replace("beian: error: ", "")
    check(status == 409 and cli.returncode == 2 and message and message in text_of(body),
          "a voluntary termination of a first filing: 409 with the CLI's message (got %d)" % status)
    status, _, body = archivist.post(page + "/terminate", {"ordered": "on", "csrf": token})
    check(status == 409 and "理由" in text_of(body), "an ordered termination without a reason: 409")
    check(history_length(demo, r05) == before, "nothing recorded by the refused terminations")
    docs = demo.beian_json("status", s01, "--json")["documents"]
    status, _, _ = archivist.post(page + "/reissue", {"document": docs[0]["id"], "csrf": token})
    check(status == 404, "reissuing another case's document: 404 (got %d)" % status)
    r05_doc = demo.beian_json("status", r05, "--json")["documents"][0]["id"]
    status, _, body = archivist.post(page + "/reissue", {"document": r05_doc, "csrf": token})
    check(status == 409, "reissuing a draft (never issued): 409 (got %d)" % status)
    status, _, _ = clerk.post(page + "/reissue", {"document": r05_doc, "csrf": clerk.csrf(page)})
    check(status == 403, "a clerk reissuing: 403 (got %d)" % status)


def check_document_page(demo):
    """文书: a draft's slots filled on its page (reviewer), the preview rendered afresh, the
    CLI's guard (a slot the template does not print: 409), roles, office and case scope."""
    reviewer = logged_in(demo, "reviewer")
    r05 = find_case(reviewer, "吉林省现代职业技能评价中心")["case"]
    s01 = find_case(reviewer, "鼎新")["case"]
    docs = demo.beian_json("status", r05, "--json")["documents"]
    receipt = [d["id"] for d in docs if d["kind"] == "receipt" and d["state"] == "draft"][0]
    page = "/cases/%s/documents/%s" % (r05, receipt)
    status, headers, body = reviewer.get(page)
    check(status == 200 and b'id="slot-note"' in body and b'<textarea name="text"' in body,
          "the reviewer's document page has a form for the receipt's note (got %d)" % status)
    check(('src="%s/draft.pdf"' % page).encode() in body, "the page frames the draft's preview")
    check_headers(headers, "document page")
    status, headers, before = reviewer.get(page + "/draft.pdf")
    check(status == 200 and before.startswith(b"%PDF-") and
          headers.get("content-type") == "application/pdf" and
          headers.get("x-frame-options") == "SAMEORIGIN" and
          headers.get("cache-control") == "no-store",
          "draft.pdf: a PDF for the same origin's frame, not cached (got %d %r)" % (status, headers))
    token = reviewer.csrf(page)
    note = "<b>请携带原件</b>'\"\x01"
    fields = {"csrf": token, "document": receipt, "slot": "note", "text": note, "back": "document"}
    status, headers, _ = reviewer.post("/cases/%s/edit" % r05, fields)
    check(status == 303 and headers.get("location") == page,
          "saving a slot returns to the document page (got %d %r)" % (status, headers.get("location")))
    cli = demo.beian_json("status", receipt, "--json")
    check([s["text"] for s in cli["slots"] if s["name"] == "note"] == [note],
          "beian status DOCUMENT shows the slot as saved: %r" % cli["slots"])
    _, _, body = reviewer.get(page)
    check(b"<b>" not in body and b"&lt;b&gt;" in body, "the slot's text is shown escaped")
    _, _, after = reviewer.get(page + "/draft.pdf")
    check(after.startswith(b"%PDF-") and after != before, "the preview is rendered with the note")
    status, _, body = reviewer.post("/cases/%s/edit" % r05, dict(fields, slot="expert_opinion"))
    cli = demo.beian("edit", receipt, "--slot", "expert_opinion", "--text", "x", "--user", "cli")
    message = cli.stderr.strip().replace("beian: error: ", "")
    check(status == 409 and cli.returncode == 2 and message and message in text_of(body),
          "a slot the receipt does not print: 409 with the CLI's message (got %d)" % status)
    clerk = logged_in(demo, "clerk")
    status, _, body = clerk.get(page)
    check(status == 200 and b"<textarea" not in body and b'id="slot-note"' in body,
          "a clerk sees the slot, without a form (got %d)" % status)
    status, _, _ = clerk.post("/cases/%s/edit" % r05, dict(fields, csrf=clerk.csrf(page)))
    check(status == 403, "a clerk filling a slot: 403 (got %d)" % status)
    other = demo.beian_json("status", s01, "--json")["documents"][0]["id"]
    check(reviewer.get("/cases/%s/documents/%s" % (r05, other))[0] == 404,
          "another case's document under this case: 404")
    cc = logged_in(demo, "clerk-220100")
    check(cc.get(page)[0] == 404 and cc.get(page + "/draft.pdf")[0] == 404,
          "another office's document and draft: 404")
    status, headers, _ = Client(demo.port).get(page + "/draft.pdf")
    check(status == 303 and headers.get("location") == "/login", "draft.pdf without a session: 303")


def check_choice_slots(demo):
    """初评意见: an open point is a choice slot (符合 / 不符合); its page offers radio buttons
    with exactly those values, a value outside them is refused as the CLI refuses it (409),
    one of them is saved and shown checked, and status --json lists the choices."""
    reviewer = logged_in(demo, "reviewer")
    # The demo runs without PDFs (no drafts kept): S01 under another name and credit code, run
    # into the demo's registry with its drafts, gets the 初评意见 with its open points.
    work = tempfile.mkdtemp(prefix="beian-web-opinion-", dir=demo.env["TMPDIR"])
    new_institution_dossier(os.path.join(SAMPLES, "S01-长春鼎新职业技能培训学校-首次申请"),
                            os.path.join(work, "in", "S01-choices"), "长春市鼎新职业技能培训学校",
                            "长春市勾选测试职业技能培训学校", "52220102MJ0A1B2C32",
                            uscc_with_check("52220102MJ0A1B2D4"))
    run = demo.beian("run", os.path.join(work, "in"), "--out", os.path.join(work, "out"),
                     "--date", "2026-11-25", "--quiet", "--config",
                     os.path.join(HERE, "..", "..", "templates", "web", "demo.json"))
    check(run.returncode in (0, 1), "run of the copy: %s" % run.stderr)
    s01 = find_case(reviewer, "勾选测试")["case"]
    docs = demo.beian_json("status", s01, "--json")["documents"]
    opinion = [d["id"] for d in docs if d["kind"] == "preliminary_opinion"][0]
    slots = demo.beian_json("status", opinion, "--json")["slots"]
    choice = [s for s in slots if s.get("choices")]
    check(choice and all(s["choices"] == ["符合", "不符合"] for s in choice),
          "status --json says each open point's choices: %r" % slots)
    name = choice[0]["name"]
    page = "/cases/%s/documents/%s" % (s01, opinion)
    status, _, body = reviewer.get(page)
    form = body.split(('id="slot-%s"' % name).encode())[1].split(b"</form>")[0]
    check(status == 200 and b'type="radio" name="text" value="\xe7\xac\xa6\xe5\x90\x88"' in form
          and b'value="\xe4\xb8\x8d\xe7\xac\xa6\xe5\x90\x88"' in form and b"<textarea" not in form,
          "an open point is a set of radio buttons with 符合 and 不符合 (got %d)" % status)
    token = reviewer.csrf(page)
    fields = {"csrf": token, "document": opinion, "slot": name, "text": "基本符合",
              "back": "document"}
    status, _, body = reviewer.post("/cases/%s/edit" % s01, fields)
    cli = demo.beian("edit", opinion, "--slot", name, "--text", "基本符合", "--user", "cli")
    message = cli.stderr.strip().replace("beian: error: ", "")
    check(status == 409 and cli.returncode == 2 and "符合、不符合" in message and
          message in text_of(body),
          "a value outside the choices: 409 with the CLI's message (got %d %r)" % (status, message))
    status, headers, _ = reviewer.post("/cases/%s/edit" % s01, dict(fields, text="不符合"))
    check(status == 303, "a value among the choices is saved (got %d)" % status)
    saved = demo.beian_json("status", opinion, "--json")["slots"]
    check([s["text"] for s in saved if s["name"] == name] == ["不符合"],
          "status --json shows the choice saved: %r" % saved)
    _, _, body = reviewer.get(page)
    form = body.split(('id="slot-%s"' % name).encode())[1].split(b"</form>")[0]
    check(b'value="\xe4\xb8\x8d\xe7\xac\xa6\xe5\x90\x88" checked' in form,
          "the saved value is the checked radio button")


def check_intake_office(demo):
    """A 长春 clerk's upload is run with --authority 220100: 长春's own dossier lands on its
    case; a copy of a 吉林市 case's dossier answers without naming that case."""
    cc = logged_in(demo, "clerk-220100")
    token = cc.csrf("/intake")
    s01 = find_case(cc, "鼎新")
    check(s01 is not None and s01["authority"] == "220100", "S01 is 长春's: %r" % s01)
    status, headers, _ = upload(cc, token, picked_folder(
        os.path.join(SAMPLES, "S01-长春鼎新职业技能培训学校-首次申请"), "S01"))
    check(status == 303 and s01 and headers.get("location") == "/cases/" + s01["case"],
          "长春's own dossier: 303 to its case (got %d %r)" % (status, headers.get("location")))
    r02 = os.path.join(SAMPLES, "R02-吉林市江城烹饪职业培训学校-职业名称近似")
    cases = len(demo.beian_json("status", "--json")["open_cases"])
    status, headers, body = upload(cc, token, picked_folder(r02, "R02"))
    jilin = demo.beian_json("status", "--json")["open_cases"]
    check(len(jilin) == cases, "the same content: no new case")
    jilin_ids = [c["case"] for c in jilin if c["institution"].startswith("吉林市江城烹饪")]
    check(status == 200 and "其他受理单位" in text_of(body) and
          not any(i.encode() in body for i in jilin_ids) and "location" not in headers,
          "a 吉林市 dossier sent by a 长春 clerk: 200 without the case's id (got %d)" % status)


def check_crashing_reader(demo):
    """A reader crashing on an upload ends run's worker, not the server: the dossier stays in
    the intake, the clerk is told, nothing is registered, the server keeps serving."""
    add = demo.beian("user", "add", "crashtest", "--role", "clerk", "--office", "220000",
                     stdin="correct horse battery\n")
    clerk = Client(demo.port)
    clerk.login("crashtest", "correct horse battery")
    before = intake_entries(demo)
    cases = len(demo.beian_json("status", "--json")["open_cases"])
    status, _, body = upload_r05_as(demo, clerk, "吉林省崩溃测试职业技能评价中心", "12220000MB0C2D7H7")
    new = sorted(set(intake_entries(demo)) - set(before))
    check(add.returncode == 0 and status == 200 and "SIGSEGV" in text_of(body) and
          "未能登记" in text_of(body) and len(new) == 1,
          "a reader crash on an upload: 200, told, the dossier kept (got %d)" % status)
    check(len(demo.beian_json("status", "--json")["open_cases"]) == cases, "nothing registered")
    check(Client(demo.port).get("/healthz")[2] == b"ok", "the server still answers")


def check_lists(demo):
    """The due list (beian due) and the archive verification (beian archive verify) pages."""
    check_page_guarded(demo, "/due", "admin")
    check_page_guarded(demo, "/archive", "clerk")
    clerk = logged_in(demo, "clerk")
    status, _, body = clerk.get("/due?within=120", headers={"Accept": "application/json"})
    cli = demo.beian_json("due", "--json", "--within", "120d", "--date", "2026-09-21")
    got = json.loads(body) if status == 200 else {}
    check(got.get("from") == cli["from"] and got.get("until") == cli["until"],
          "/due?within=120 covers the CLI's period: %r" % got)
    status, _, body = clerk.get("/due?within=../../x")
    check(status == 200 and "没有到期事项" in text_of(body), "a malformed 'within' is ignored")

    archivist = Client(demo.port)
    archivist.login("archivist", demo.users["archivist"])
    status, _, body = archivist.get("/archive")
    check(status == 200 and b'id="form-archive-verify"' in body, "the archivist's 归档核验 page")
    status, _, _ = archivist.post("/archive/verify", {})
    check(status == 403, "archive verify without csrf: 403 (got %d)" % status)
    status, _, body = archivist.post("/archive/verify", {"csrf": archivist.csrf("/archive")})
    said = demo.beian("archive", "verify", "--date", "2026-09-21").stdout.strip()
    check(status == 200 and said and said in text_of(body) and 'data-problems="0"' in body.decode(),
          "archive verify shows the CLI's result %r (got %d)" % (said, status))
    add = demo.beian("user", "add", "archivist-220100", "--role", "archivist", "--office", "220100",
                     stdin="correct horse battery\n")
    city = Client(demo.port)
    city.login("archivist-220100", "correct horse battery")
    check(add.returncode == 0 and city.get("/archive")[0] == 403,
          "a 长春 archivist cannot verify the province's archive: 403")


def list_rows(body, table):
    """The rows of the list page's table `table`: (data-case, [cell texts])."""
    found = re.search(rb'<table class="list" id="' + table.encode() + rb'">(.*?)</table>', body, re.S)
    rows = []
    for attrs, cells in re.findall(rb"<tr([^>]*)>(.*?)</tr>", found.group(1) if found else b"", re.S):
        case = re.search(rb'data-case="([^"]*)"', attrs)
        rows.append((case.group(1).decode() if case else "",
                     [text_of(c).strip() for c in re.findall(rb"<td>(.*?)</td>", cells, re.S)]))
    return [r for r in rows if r[1]]


def cli_workbook(demo, *args):
    """The bytes of the workbook `beian ARGS FILE --date 2026-09-21` writes."""
    path = os.path.join(tempfile.mkdtemp(dir=demo.env["TMPDIR"]), "list.xlsx")
    done = demo.beian(*(list(args) + [path, "--date", "2026-09-21"]))
    check(done.returncode == 0, "beian %s: %s" % (" ".join(args), done.stderr))
    with open(path, "rb") as f:
        return f.read()


def check_ledger_and_filed(demo):
    """台账 and 已备案机构: the CLI's workbooks, shown for the user's office and downloaded."""
    check_page_guarded(demo, "/ledger", "admin")
    check_page_guarded(demo, "/filed", "admin")
    clerk = logged_in(demo, "clerk")
    # A case whose institution name holds a mobile number: masked on the list page.
    status, _, _ = upload_r05_as(demo, clerk, "吉林省13912345678职业技能评价中心", "12220000MB0C2D7L1")
    check(status == 303, "a dossier whose name holds a mobile number is registered (got %d)" % status)
    status, headers, xlsx = clerk.get("/ledger?xlsx=1")
    check(status == 200 and xlsx == cli_workbook(demo, "ledger", "--out") and
          "%E5%8F%B0%E8%B4%A6.xlsx" in headers.get("content-disposition", ""),
          "the province's 台账.xlsx is the one `beian ledger` writes (got %d)" % status)
    import openpyxl
    import io
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx)).worksheets[0]
    cases = [r[0] for r in sheet.iter_rows(min_row=2, values_only=True) if r[0]]
    status, _, body = clerk.get("/ledger")
    rows = list_rows(body, "ledger")
    check(status == 200 and [r[0] for r in rows] == cases and len(cases) > 1,
          "the province's 台账 page lists the workbook's %d cases (got %d)" % (len(cases), len(rows)))
    check(all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", r[1][12]) for r in rows),
          "the 台账 page shows dates as dates: %r" % (rows[:1],))
    masked = [r for r in rows if "139****5678" in r[1][1]]
    check(len(masked) == 1 and b"13912345678" not in body,
          "an institution name's mobile number is masked on the 台账 page")
    changchun = [r[0] for r in rows if r[1][3].startswith("长春市")]
    city = logged_in(demo, "clerk-220100")
    status, _, body = city.get("/ledger")
    check(status == 200 and [r[0] for r in list_rows(body, "ledger")] == changchun and changchun,
          "a 长春 clerk's 台账 lists 长春's %d cases only" % len(changchun))
    status, _, xlsx = city.get("/ledger?xlsx=1")
    got = [r[0] for r in openpyxl.load_workbook(io.BytesIO(xlsx)).worksheets[0].iter_rows(
        min_row=2, values_only=True) if r[0]] if status == 200 else []
    check(got == changchun, "a 长春 clerk's 台账.xlsx holds 长春's cases only: %r" % got)
    status, _, xlsx = city.get("/filed?date=2026-09-21&xlsx=1")
    check(status == 200 and xlsx == cli_workbook(demo, "filed", "--authority", "220100",
                                                  "--xlsx"),
          "a 长春 clerk's 已备案机构.xlsx is `beian filed --authority 220100 --xlsx` (got %d)" % status)
    # (Which filings an office's list holds: LifecycleTest.FiledListsAnOfficesOwnFilings.)

    status, _, xlsx = clerk.get("/filed?date=2026-09-21&xlsx=1")
    check(status == 200 and xlsx == cli_workbook(demo, "filed", "--xlsx"),
          "已备案机构.xlsx is the one `beian filed --xlsx` writes (got %d)" % status)
    status, _, body = clerk.get("/filed?date=2026-09-21")
    check(status == 200 and "2026-09-21 当日有效的备案" in text_of(body) and
          len(list_rows(body, "filed")) == sheet_rows(xlsx),
          "the 已备案机构 page as of the date lists the workbook's rows")
    status, _, body = clerk.get("/filed?date=2026-02-30")
    check(status == 400 and "2026-02-30" in text_of(body), "an impossible date: 400 (got %d)" % status)


XLSX_TOOL = os.path.join(HERE, "..", "evaluation", "xlsx_tool.py")


def post_sheet(client, case, token, data):
    body, content_type = multipart({"csrf": token}, [("scores", "评分表.xlsx", data)])
    return client.request("POST", "/cases/%s/scores" % case, body=body, content_type=content_type)


def filled_sheet(demo, blank, *mutations):
    """The scoring sheet `blank` (bytes) filled by openpyxl (tests/evaluation/xlsx_tool.py)."""
    work = tempfile.mkdtemp(prefix="beian-web-sheet-", dir=demo.env["TMPDIR"])
    src, dst = os.path.join(work, "blank.xlsx"), os.path.join(work, "filled.xlsx")
    with open(src, "wb") as f:
        f.write(blank)
    subprocess.run(["/usr/bin/python3", XLSX_TOOL, "fill", src, dst] + list(mutations), check=True)
    with open(dst, "rb") as f:
        return dst, f.read()


def check_scores_preview(demo):
    """技术评估 in the browser: the sheet downloaded, uploaded filled, its scores and its problems
    per cell shown before anything is recorded, then recorded from the preview."""
    clerk, reviewer = logged_in(demo, "clerk"), logged_in(demo, "reviewer")
    upload_r05_as(demo, clerk, "吉林省评分预览职业技能评价中心", "12220000MB0C2D7M2")
    case = (find_case(clerk, "吉林省评分预览职业技能评价中心") or {}).get("case", "")
    clerk.post("/cases/%s/decide" % case, {"stage": "received", "result": "pass",
                                           "date": "2026-09-21", "csrf": clerk.csrf()})
    reviewer.post("/cases/%s/decide" % case, {"stage": "preliminary", "result": "pass",
                                              "date": "2026-09-21", "csrf": reviewer.csrf()})
    status, _, blank = reviewer.get("/cases/%s/scoresheet" % case)
    ready = status == 200 and demo.beian_json("status", case, "--json")["stage"] == "technical"
    check(ready, "a case in technical evaluation with its scoring sheet (got %d)" % status)
    if not ready:
        return
    token = reviewer.csrf("/cases/" + case)
    check(post_sheet(clerk, case, clerk.csrf(), blank)[0] == 403, "a clerk previewing scores: 403")
    check(post_sheet(reviewer, case, "", blank)[0] == 403, "a preview without csrf: 403")

    # A sheet with problems: every one named by sheet and cell, as `beian evaluate` names them.
    layout = json.loads(subprocess.run(
        ["/usr/bin/python3", XLSX_TOOL, "sheet", filled_sheet(demo, blank)[0]],
        stdout=subprocess.PIPE, check=True).stdout)
    first = layout["sheets"][0]
    items = layout["per_sheet"][first]["items"]
    path, bad = filled_sheet(demo, blank, "score:%s:%s:abc" % (first, items[0]),
                             "score:%s:%s:999" % (first, items[1]))
    before = history_length(demo, case)
    status, _, body = post_sheet(reviewer, case, token, bad)
    shown = [text_of(li).strip() for li in re.findall(rb"<li>(.*?)</li>", body, re.S)]
    cli = demo.beian("evaluate", case, "--scores", path, "--result", "pass", "--date", "2026-09-21")
    said = [line.strip() for line in cli.stderr.splitlines()[1:] if line.strip()]
    check(status == 422 and cli.returncode != 0 and len(said) >= 2 and
          all(any(s in line for line in shown) for s in said),
          "a sheet with two bad cells: 422, the CLI's problems listed %r (CLI %r)" % (shown, said))
    check(history_length(demo, case) == before and b'id="form-scores-record"' not in body,
          "nothing recorded, no record form")
    body_, content_type = multipart({"csrf": token}, [("scores", "x.xlsx", bad)])
    status, _, body_ = reviewer.request("POST", "/cases/%s/scores" % case, body=body_,
                                        content_type=content_type,
                                        headers={"Accept": "application/json"})
    got = json.loads(body_) if status == 422 else {}
    check(got.get("ok") is False and len(got.get("errors", [])) == len(said) + 1,
          "the preview as JSON: 422 with the problems (got %d)" % status)

    # A good sheet: its scores, then recorded from the preview with the held sheet.
    _, good = filled_sheet(demo, blank)
    status, _, body = post_sheet(reviewer, case, token, good)
    held = re.search(rb'name="sheet" value="([0-9a-f]+)"', body)
    total = re.search(rb'id="scores-percent">([0-9.]+)<', body)
    check(status == 200 and held and total and b'data-item="' + items[0].encode() in body,
          "a filled sheet: 200, its scores and total shown (got %d)" % status)
    check(history_length(demo, case) == before, "the preview records nothing")
    if not (held and total):
        return
    fields = {"csrf": token, "sheet": held.group(1).decode(), "result": "pass",
              "date": "2026-09-21", "note": "专家组评估合格。"}
    status, headers, _ = reviewer.post("/cases/%s/evaluate" % case, fields)
    st = demo.beian_json("status", case, "--json")
    check(status == 303 and st["stage"] == "comprehensive" and
          st["history"][-1]["action"] == "evaluate" and st["history"][-1]["user"] == "reviewer",
          "recorded from the preview: 303, in comprehensive evaluation (got %d)" % status)
    rows = dict(list_rows(clerk.get("/ledger")[2], "ledger"))
    check(rows.get(case, [""] * 10)[9] == total.group(1).decode(),
          "the 台账's score is the preview's %s: %r" % (total.group(1), rows.get(case)))
    status, _, body = reviewer.post("/cases/%s/evaluate" % case, fields)
    check(status == 409 and "失效" in text_of(body), "a held sheet is used once: 409 (got %d)" % status)


def sheet_rows(xlsx):
    import openpyxl
    import io
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx)).worksheets[0]
    return sum(1 for r in sheet.iter_rows(min_row=2, values_only=True) if any(r))


def run(demo):
    anon = Client(demo.port)
    status, headers, body = anon.get("/healthz")
    check(status == 200 and body == b"ok", "/healthz answers ok without a session")
    check_headers(headers, "/healthz")
    status, headers, _ = anon.get("/cases")
    check(status == 303 and headers.get("location") == "/login", "no session: 303 to /login")
    check_headers(headers, "/cases without a session")
    status, _, _ = anon.get("/cases", headers={"Accept": "application/json"})
    check(status == 401, "no session, JSON: 401 (got %d)" % status)
    status, _, _ = anon.post("/cases/C2026-0001/decide", {"stage": "received", "result": "pass"})
    check(status == 303, "no session, POST: 303 to /login (got %d)" % status)

    clerk = Client(demo.port)
    status, headers, _ = clerk.login("clerk", demo.users["clerk"])
    check(status == 303, "clerk logs in (got %d)" % status)
    cookie = headers.get("set-cookie", "")
    check("HttpOnly" in cookie and "SameSite=Strict" in cookie, "session cookie: " + cookie)
    r05 = find_case(clerk, "吉林省现代职业技能评价中心")
    check(r05 is not None, "the province's clerk finds R05 by search")
    jilin = find_case(clerk, "吉林市江城烹饪")
    check(jilin is not None and jilin["authority"] == "220200", "R02 belongs to 吉林市: %r" % jilin)
    if r05 is None or jilin is None:
        return
    # Search: a whole case number (with or without its letter), part of a credit code.
    for term in (r05["case"], r05["case"][1:], r05["uscc"][2:12]):
        status, _, body = clerk.get("/cases?q=" + term, headers={"Accept": "application/json"})
        found = [r["case"] for r in json.loads(body)["cases"]] if status == 200 else []
        check(r05["case"] in found, "searching %r finds R05 (got %r)" % (term, found))
    case = r05["case"]
    page = "/cases/" + case
    status, headers, body = clerk.get(page)
    check(status == 200, "case page 200")
    check_headers(headers, "case page")
    check(b"<script>" not in body.replace(b'<script src="/static/app.js" defer></script>', b""),
          "no inline script on the case page")
    token = clerk.csrf(page)
    check(len(token) == 64, "csrf token in <meta name=csrf-token>")
    check(('name="csrf" value="%s"' % token).encode() in body, "csrf token in every form")

    before = history_length(demo, case)
    fields = {"stage": "received", "result": "pass", "date": "2026-09-21"}
    status, _, _ = clerk.post(page + "/decide", fields)
    check(status == 403, "no csrf: 403 (got %d)" % status)
    status, _, _ = clerk.post(page + "/decide", dict(fields, csrf="0" * 64))
    check(status == 403, "wrong csrf: 403 (got %d)" % status)
    check(history_length(demo, case) == before, "a refused form records nothing")
    status, _, _ = clerk.post(page + "/decide", dict(fields, stage="preliminary", csrf=token))
    check(status == 403, "clerk deciding preliminary: 403 (wrong role; got %d)" % status)
    status, _, _ = clerk.post(page + "/decide", dict(fields, csrf=token, note="x", registry="/tmp/x"))
    check(status == 400, "a field outside the CLI's case options (registry): 400 (got %d)" % status)
    check(history_length(demo, case) == before, "nothing recorded by the refused forms")

    hostile = "<script>alert(1)</script>\"'\x1b[31m"
    status, headers, _ = clerk.post(page + "/decide", dict(fields, csrf=token, note=hostile))
    check(status == 303 and headers.get("location") == page, "clerk receives R05: 303 (got %d)" % status)
    st = demo.beian_json("status", case, "--json")
    check(st["stage"] == "preliminary" and st["history"][-1]["user"] == "clerk"
          and st["history"][-1]["note"] == hostile,
          "the CLI's status shows the web's action with the user: %r" % st["history"][-1])
    _, _, body = clerk.get(page)
    check(b"<script>alert" not in body, "the note's <script> is escaped")
    shown = b"&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;\\x1B[31m"
    if shown not in body:
        at = body.find(b"alert(1)")
        print("the note as shown:", body[at - 40:at + 80])
    check(shown in body,
          "the note shown escaped, ESC as \\x1B")

    # A guard's refusal: the CLI's message, 409.
    status, _, body = clerk.post(page + "/decide", dict(fields, csrf=token))
    cli = demo.beian("decide", case, "--stage", "received", "--result", "pass", "--date",
                     "2026-09-21", "--user", "cli")
    message = cli.stderr.strip().replace("beian: error: ", "")
    check(status == 409, "deciding received twice: 409 (got %d)" % status)
    check(cli.returncode == 2 and message and message in text_of(body),
          "409 shows the CLI's message %r" % message)

    # A date after the server's today (--date 2026-09-21): refused as the CLI refuses it with
    # --today 2026-09-21, the same message, nothing recorded; the form cannot move today.
    reviewer = logged_in(demo, "reviewer")
    later = {"stage": "preliminary", "result": "pass", "date": "2026-09-22",
             "csrf": reviewer.csrf(page)}
    before = history_length(demo, case)
    status, _, body = reviewer.post(page + "/decide", later)
    cli = demo.beian("decide", case, "--stage", "preliminary", "--result", "pass", "--date",
                     "2026-09-22", "--today", "2026-09-21", "--user", "cli")
    message = cli.stderr.strip().replace("beian: error: ", "")
    check(status == 409 and cli.returncode == 2 and "2026-09-22" in message and
          message in text_of(body),
          "a decision dated after the server's today: 409 with the CLI's message %r (got %d)"
          % (message, status))
    status, _, _ = reviewer.post(page + "/decide", dict(later, today="2026-09-30"))
    check(status == 400, "a form giving its own today: 400 (got %d)" % status)
    check(history_length(demo, case) == before and
          demo.beian_json("status", case, "--json")["stage"] == "preliminary",
          "nothing recorded by the future-dated decisions")

    # Office scope.
    cc = Client(demo.port)
    cc.login("clerk-220100", demo.users["clerk-220100"])
    cc_token = cc.csrf()
    status, _, _ = cc.get("/cases/" + jilin["case"])
    check(status == 404, "长春 clerk opening a 吉林市 case: 404 (got %d)" % status)
    jilin_before = history_length(demo, jilin["case"])
    status, _, _ = cc.post("/cases/" + jilin["case"] + "/decide",
                           {"stage": "received", "result": "pass", "csrf": cc_token})
    check(status == 404, "长春 clerk acting on a 吉林市 case: 404 (got %d)" % status)
    check(history_length(demo, jilin["case"]) == jilin_before, "nothing recorded for it")
    _, _, body = cc.get("/cases", headers={"Accept": "application/json"})
    check(all(r["authority"] == "220100" for r in json.loads(body)["cases"]),
          "长春 clerk's list holds 长春's cases only")
    jl = Client(demo.port)
    jl.login("clerk-220200", demo.users["clerk-220200"])
    status, _, _ = jl.get("/cases/" + jilin["case"])
    check(status == 200, "吉林市 clerk opens the 吉林市 case (got %d)" % status)

    # Paths.
    for path in ["/static/../../../etc/passwd", "/static/..%2f..%2fetc%2fpasswd",
                 "/cases/..%2F..%2Fetc%2Fpasswd", "/static/app.css/../../x", "/../etc/passwd"]:
        status, _, _ = clerk.get(path)
        check(status in (400, 404), "%s: 404 (got %d)" % (path, status))
    status, _, _ = clerk.get("/static/app.css")
    check(status == 200, "/static/app.css served")

    # Lockout after login_max_failures (10) failures; beian user unlock.
    guesser = Client(demo.port)
    for i in range(10):
        status, _, _ = guesser.login("reviewer", "wrong-%d" % i)
    status, _, _ = guesser.login("reviewer", demo.users["reviewer"])
    check(status == 429, "the right password after 10 failures: locked (got %d)" % status)
    unlock = demo.beian("user", "unlock", "reviewer")
    check(unlock.returncode == 0, "beian user unlock: " + unlock.stderr)
    status, _, _ = guesser.login("reviewer", demo.users["reviewer"])
    check(status == 303, "after unlock the login works (got %d)" % status)

    # Users through the CLI.
    add = demo.beian("user", "add", "wang", "--role", "reviewer", "--office", "220100",
                     stdin="correct horse battery\n")
    check(add.returncode == 0, "user add: " + add.stderr)
    bad = demo.beian("user", "add", "li", "--role", "boss", "--office", "220100", stdin="x" * 10 + "\n")
    check(bad.returncode == 2 and "--role" in bad.stderr, "user add --role boss refused")
    listed = demo.beian("user", "list").stdout
    check("wang\treviewer\t220100\tactive" in listed, "user list: " + listed)
    wang = Client(demo.port)
    check(wang.login("wang", "correct horse battery")[0] == 303, "the new user logs in")
    demo.beian("user", "disable", "wang")
    check(wang.get("/cases")[0] == 303, "a disabled user's session ends")


def check_admin(demo):
    """管理: users added, reset, unlocked and disabled as `beian user` does, with its messages;
    the effective settings with their files; admin only, CSRF, escaping, no self-disable."""
    check_page_guarded(demo, "/admin", "clerk")
    admin = logged_in(demo, "admin")
    status, headers, body = admin.get("/admin")
    check_headers(headers, "/admin")
    check(status == 200 and b'data-user="clerk-220100"' in body and b'id="nav-admin"' in body,
          "the admin page lists the users (got %d)" % status)
    text = text_of(body)
    check("doc_number_format" in text and "吉人社认备〔{year}〕{n}号" in text and "demo.json" in text,
          "the admin page shows each setting with the file it comes from")
    token = admin.csrf("/admin")
    add = {"action": "add", "name": "zhao<b>", "role": "reviewer", "office": "220100",
           "password": "first password"}
    status, _, _ = admin.post("/admin/users", add)
    check(status == 403, "adding a user without csrf: 403 (got %d)" % status)
    status, headers, _ = admin.post("/admin/users", dict(add, csrf=token))
    check(status == 303 and headers.get("location") == "/admin", "admin adds a user (got %d)" % status)
    check("zhao<b>\treviewer\t220100\tactive" in demo.beian("user", "list").stdout,
          "beian user list shows the user the admin added")
    _, _, body = admin.get("/admin")
    check(b"zhao<b>" not in body and b"zhao&lt;b&gt;" in body, "a user name is shown escaped")
    check(Client(demo.port).login("zhao<b>", "first password")[0] == 303, "the new user logs in")
    status, _, body = admin.post("/admin/users", dict(add, csrf=token, name="li", role="boss"))
    cli = demo.beian("user", "add", "li", "--role", "boss", "--office", "220100",
                     stdin="x" * 10 + "\n")
    message = cli.stderr.strip().replace("beian: error: ", "")
    check(status == 409 and cli.returncode == 2 and message and message in text_of(body),
          "a role that does not exist: 409 with beian user's message (got %d)" % status)
    status, _, _ = admin.post("/admin/users", dict(add, csrf=token))
    check(status == 409, "adding an existing user: 409 (got %d)" % status)
    status, _, _ = admin.post("/admin/users", {"csrf": token, "action": "passwd", "name": "zhao<b>",
                                               "password": "second password"})
    check(status == 303, "admin resets the password (got %d)" % status)
    check(Client(demo.port).login("zhao<b>", "first password")[0] == 401 and
          Client(demo.port).login("zhao<b>", "second password")[0] == 303,
          "the old password fails, the new one works")
    status, _, _ = admin.post("/admin/users", {"csrf": token, "action": "disable", "name": "admin"})
    check(status == 409, "an admin disabling their own account: 409 (got %d)" % status)
    status, _, _ = admin.post("/admin/users", {"csrf": token, "action": "disable",
                                               "name": "zhao<b>"})
    check(status == 303 and Client(demo.port).login("zhao<b>", "second password")[0] != 303,
          "a disabled user cannot log in (got %d)" % status)
    reviewer = logged_in(demo, "reviewer")
    status, _, _ = reviewer.post("/admin/users", {"csrf": reviewer.csrf(), "action": "unlock",
                                                  "name": "clerk"})
    check(status == 403, "a reviewer changing users: 403 (got %d)" % status)


def check_archive_dossier(demo):
    """A dossier sent as one archive dropped into the intake (issue 22): `run --registry`
    registers it under the archive's name; the case page lists its entries, each served by id
    from the archive (never unpacked); a changed archive is not served (410)."""
    archive = os.path.join(HERE, "..", "e2e", "testdata", "庚-收件目录中的压缩包",
                           "长春某某职业技能培训学校.zip")
    work = tempfile.mkdtemp(dir=demo.env["TMPDIR"])
    solo = os.path.join(work, "intake")
    os.makedirs(solo)
    shutil.copy(archive, solo)
    out = os.path.join(work, "out")
    ran = demo.beian("run", solo, "--out", out, "--date", "2026-09-21", "--quiet")
    check(ran.returncode in (0, 1), "run --registry on an archive dossier (%d): %s" %
          (ran.returncode, ran.stderr))
    reports = glob.glob(os.path.join(out, "*", "report.json"))
    registry = json.load(open(reports[0], encoding="utf-8")).get("registry", {}) if reports else {}
    check(registry.get("case") and registry.get("receipt"),
          "the archive dossier is registered with its receipt: %r" % registry)
    if not registry.get("case"):
        return
    shutil.copy(archive, demo.intake)  # where the workbench finds the version's files
    clerk = Client(demo.port)
    clerk.login("clerk", demo.users["clerk"])
    page = "/cases/%s?version=%d" % (registry["case"], registry["version"])
    _, _, body = clerk.get(page)
    ids = file_links(body)
    rows = dict(re.findall(rb'<tr data-file="(F[0-9a-f]{24})"><td>\d+</td><td>([^<]*)</td>', body))
    name = {k.decode(): v.decode() for k, v in rows.items()}
    form = [i for i in ids if name.get(i) == "长春某某职业技能培训学校/附件1 申请表.docx"]
    check(len(ids) > 10 and form, "the archive's entries are the version's files (%d)" % len(ids))
    if not form:
        return
    status, _, data = clerk.get("/files/" + form[0])
    check(status == 200 and "统一社会信用代码" in text_of(data),
          "the form inside the archive dossier shown as text (got %d)" % status)
    with open(os.path.join(demo.intake, os.path.basename(archive)), "ab") as f:
        f.write(b"changed")
    status, _, data = clerk.get("/files/" + form[0])
    check(status in (404, 410), "a changed archive: its files not served (got %d)" % status)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--beian", required=True)
    args = ap.parse_args()
    # The worker checking an upload by the user crashtest dies (SIGSEGV), as on a reader crash.
    demo = Demo(args.beian, "2026-09-21", env={"BEIAN_FAULT": "crash:-crashtest-"})
    try:
        run(demo)
        check_document_page(demo)
        check_choice_slots(demo)
        check_intake(demo)
        check_files(demo)
        check_archive_dossier(demo)
        check_more_actions(demo)
        check_lists(demo)
        check_ledger_and_filed(demo)
        check_scores_preview(demo)
        check_crashing_reader(demo)
        check_intake_office(demo)
        check_admin(demo)
    finally:
        demo.stop()
    return finish("web_security_test")


if __name__ == "__main__":
    sys.exit(main())
