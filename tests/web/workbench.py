"""Shared by the workbench's tests (web_security_test.py, tests/browser/workbench_test.py):
starts `beian serve --demo` on a free port and talks HTTP to it with the standard library."""
import html
import http.client
import json
import os
import re
import signal
import subprocess
import tempfile
import time
import urllib.parse


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

    def __init__(self, beian, date, extra=()):
        self.binary = beian
        self.env = clean_env()
        self.proc = subprocess.Popen(
            [beian, "serve", "--demo", "--listen", "127.0.0.1:0", "--date", date] + list(extra),
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=self.env, text=True)
        self.users = {}
        self.registry = None
        self.port = None
        deadline = time.time() + 240
        while time.time() < deadline:
            line = self.proc.stdout.readline()
            if not line:
                raise RuntimeError("beian serve --demo ended: " + self.proc.stderr.read())
            m = re.match(r"demo registry: (.*)", line)
            if m:
                self.registry = m.group(1).strip()
            m = re.match(r"  (\S+)\t(\S+)\t(\d+)\t(\S+)", line)
            if m:
                self.users[m.group(1)] = m.group(4)
            m = re.match(r"beian serve: http://127\.0\.0\.1:(\d+)/", line)
            if m:
                self.port = int(m.group(1))
                return
        raise RuntimeError("beian serve --demo did not start in time")

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()

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
    """One browser-like HTTP client: keeps its cookies, never follows redirects."""

    def __init__(self, port):
        self.port = port
        self.cookies = {}

    def request(self, method, path, fields=None, headers=None, body=None, content_type=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
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
