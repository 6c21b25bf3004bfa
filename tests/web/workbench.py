"""Shared by the workbench's tests (web_security_test.py, web_tls_test.py,
tests/browser/workbench_test.py): starts `beian serve --demo` on a free port, talks HTTP (or
HTTPS) to it with the standard library, and counts the failed checks."""
import html
import http.client
import json
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.parse

FAILURES = []


def check(ok, what):
    """Records a failed check (printed at once) and returns `ok`."""
    if not ok:
        FAILURES.append(what)
        print("FAIL:", what)
    return ok


def finish(script):
    """The exit code of a test script: 1 with the number of failed checks, else 0."""
    if FAILURES:
        print("%d check(s) failed" % len(FAILURES))
        return 1
    print("%s: all checks passed" % script)
    return 0


DEMO_SETTINGS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "templates",
                             "web", "demo.json")


def clean_env():
    """The test never reads this machine's settings (docs/user-guide.md "Settings")."""
    env = dict(os.environ)
    env["BEIAN_SYSCONFDIR"] = ""
    env.pop("BEIAN_CONFIG", None)
    env.pop("BEIAN_DATA_DIR", None)
    env.pop("BEIAN_REGISTRY", None)
    env["TMPDIR"] = tempfile.mkdtemp(prefix="beian-web-test-")
    return env


class Demo:
    """`beian serve --demo` on 127.0.0.1 and a free port; users and passwords from its output."""

    def __init__(self, beian, date, extra=(), env=None):
        self.binary = beian
        self.env = clean_env()
        self.env.update(env or {})
        self.users = {}
        self.registry = None
        self.intake = None
        self.port = None
        self.start([beian, "serve", "--demo", "--listen", "127.0.0.1:0", "--date", date] +
                   list(extra))

    def start(self, argv):
        self.proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     env=self.env, text=True)
        deadline = time.time() + 240
        while time.time() < deadline:
            line = self.proc.stdout.readline()
            if not line:
                raise RuntimeError("beian serve ended: " + self.proc.stderr.read())
            m = re.match(r"demo registry: (.*)", line)
            if m:
                self.registry = m.group(1).strip()
            m = re.match(r"demo intake: (.*)", line)
            if m:
                self.intake = m.group(1).strip()
            m = re.match(r"  (\S+)\t(\S+)\t(\d+)\t(\S+)", line)
            if m:
                self.users[m.group(1)] = m.group(4)
            m = re.match(r"beian serve: http://127\.0\.0\.1:(\d+)/", line)
            if m:
                self.port = int(m.group(1))
                return
        raise RuntimeError("beian serve did not start in time")

    def serve_on(self, date):
        """The demo's registry served again with `date` as the server's today, as on a later
        day: the workbench refuses a decision or a delivery dated after its today, so a walk
        across several weeks restarts it. `beian serve --registry REG --config CFG` (the demo's
        settings, its intake folder) on a new port; the users and sessions are the registry's."""
        self.proc.send_signal(signal.SIGTERM)
        self.proc.wait(timeout=30)
        with open(DEMO_SETTINGS, encoding="utf-8") as f:
            settings = json.load(f)
        settings["web_intake"] = self.intake
        config = os.path.join(self.env["TMPDIR"], "demo-later.json")
        with open(config, "w", encoding="utf-8") as f:
            json.dump(settings, f, ensure_ascii=False)
        self.start([self.binary, "serve", "--listen", "127.0.0.1:0", "--registry", self.registry,
                    "--config", config, "--date", date])

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        # The demo's registry, intake (a copy of the samples) and uploads go with it.
        shutil.rmtree(self.env["TMPDIR"], ignore_errors=True)

    def beian_json(self, *args):
        """`beian ARGS --registry REG` as the CLI sees the registry (JSON on stdout)."""
        out = subprocess.run([self.binary] + list(args) + ["--registry", self.registry],
                             env=self.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True, check=True)
        return json.loads(out.stdout)

    def beian(self, *args, stdin=None):
        return subprocess.run([self.binary] + list(args) + ["--registry", self.registry],
                              env=self.env, input=stdin, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)


class Client:
    """One browser-like HTTP client: keeps its cookies, never follows redirects. With an
    ssl.SSLContext it speaks HTTPS (the server's direct TLS)."""

    def __init__(self, port, context=None):
        self.port = port
        self.context = context
        self.cookies = {}
        self.set_cookies = []  # the Set-Cookie headers of the last answer, as sent

    def request(self, method, path, fields=None, headers=None, body=None, content_type=None):
        if self.context is None:
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        else:
            conn = http.client.HTTPSConnection("127.0.0.1", self.port, timeout=60,
                                               context=self.context)
        hdrs = dict(headers or {})
        if self.cookies:
            hdrs["Cookie"] = "; ".join(k + "=" + v for k, v in self.cookies.items())
        if fields is not None:
            body = urllib.parse.urlencode(fields).encode()
            content_type = "application/x-www-form-urlencoded"
        if content_type:
            hdrs["Content-Type"] = content_type
        conn.request(method, path, body=body, headers=hdrs)
        res = conn.getresponse()
        data = res.read()
        for key, value in res.getheaders():
            if key.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        conn.close()
        self.set_cookies = [v for k, v in res.getheaders() if k.lower() == "set-cookie"]
        return res.status, dict((k.lower(), v) for k, v in res.getheaders()), data

    def get(self, path, headers=None):
        return self.request("GET", path, headers=headers)

    def post(self, path, fields):
        return self.request("POST", path, fields=fields)

    def csrf(self, path="/cases"):
        status, _, body = self.get(path)
        m = re.search(rb'<meta name="csrf-token" content="([0-9a-f]+)">', body)
        return m.group(1).decode() if m else ""

    def login(self, user, password):
        self.get("/login")
        token = self.cookies.get("beian_login", "")
        return self.post("/login", {"user": user, "password": password, "csrf": token})


def text_of(body):
    """The page's text with tags dropped and entities decoded."""
    return html.unescape(re.sub(rb"<[^>]+>", b" ", body).decode("utf-8", "replace"))


USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def uscc_with_check(first17):
    """A 统一社会信用代码 with its check character (GB 32100-2015)."""
    total = sum(USCC_CHARS.index(c) * w for c, w in zip(first17, USCC_WEIGHTS))
    return first17 + USCC_CHARS[(31 - total % 31) % 31]


def new_institution_dossier(sample, out_dir, old_name, new_name, old_uscc, new_uscc):
    """A copy of the sample dossier `sample` whose form names another institution (name and
    USCC replaced in 申请表.docx): a dossier the registry has not seen, for 收件."""
    import zipfile
    shutil.rmtree(out_dir, ignore_errors=True)
    shutil.copytree(sample, out_dir)
    form = os.path.join(out_dir, "申请表.docx")
    with zipfile.ZipFile(form) as z:
        parts = [(i, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(form, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in parts:
            if info.filename == "word/document.xml":
                data = data.decode().replace(old_name, new_name).replace(old_uscc, new_uscc).encode()
            z.writestr(info, data)
    return out_dir


def zip_folder(folder, zip_path):
    """The folder's files in one zip, at the zip's root (names in UTF-8)."""
    import zipfile
    with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_DEFLATED) as z:
        for root, _, names in os.walk(folder):
            for n in sorted(names):
                full = os.path.join(root, n)
                z.write(full, os.path.relpath(full, folder))
    return zip_path


def multipart(fields, files):
    """A multipart/form-data body: fields {name: value}, files [(field, filename, bytes)]."""
    import uuid
    boundary = uuid.uuid4().hex
    out = b""
    for key, value in fields.items():
        out += ('--%s\r\nContent-Disposition: form-data; name="%s"\r\n\r\n%s\r\n'
                % (boundary, key, value)).encode()
    for field, name, data in files:
        out += ('--%s\r\nContent-Disposition: form-data; name="%s"; filename="%s"\r\n'
                'Content-Type: application/octet-stream\r\n\r\n' % (boundary, field, name)).encode()
        out += data + b"\r\n"
    out += ("--%s--\r\n" % boundary).encode()
    return out, "multipart/form-data; boundary=" + boundary
