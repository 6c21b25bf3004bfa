#!/usr/bin/env python3
"""HTTPS straight from `beian serve` (docs/web-admin.md "TLS"), through the binary.

Makes a self-signed certificate for 127.0.0.1 with the openssl command, points the settings
`web_tls_certificate` / `web_tls_key` at it (paths relative to the settings file), and checks:
the server says https://; /healthz answers over TLS with the certificate verified; a login sets
its session cookie Secure; a plain-HTTP request to the port gets no page. Then the refusals
before anything listens: only one of the two settings, a file that cannot be read, and a
certificate whose key is not its own (exit 2, naming the settings or the files).

usage: web_tls_test.py --beian BIN
Exit 0 when every check passes; 1 with the failures listed otherwise.
"""
import argparse
import json
import os
import re
import shutil
import signal
import socket
import ssl
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))
from workbench import Client, check, clean_env, finish  # noqa: E402

PASSWORD = "correct horse battery"


def make_pair(folder, name):
    """A self-signed certificate for 127.0.0.1 and its key: folder/name.crt, folder/name.key."""
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", os.path.join(folder, name + ".key"),
                    "-out", os.path.join(folder, name + ".crt")],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def write_settings(folder, settings):
    path = os.path.join(folder, "tls.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(settings, f)
    return path


def serve(beian, env, registry, config):
    return subprocess.Popen([beian, "serve", "--listen", "127.0.0.1:0", "--registry", registry,
                             "--config", config, "--date", "2026-11-25"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)


def check_https(beian, env, work):
    registry = os.path.join(work, "registry.sqlite")
    add = subprocess.run([beian, "user", "add", "clerk", "--role", "clerk", "--office", "220000",
                          "--registry", registry], input=PASSWORD + "\n", env=env, text=True,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    check(add.returncode == 0, "user add: " + add.stderr)
    config = write_settings(work, {"web_tls_certificate": "server.crt", "web_tls_key": "server.key"})
    proc = serve(beian, env, registry, config)
    try:
        line = proc.stdout.readline()
        m = re.match(r"beian serve: https://127\.0\.0\.1:(\d+)/", line)
        check(m is not None, "the server says https:// (got %r; %s)" % (line, proc.poll()))
        if m is None:
            return
        port = int(m.group(1))
        # The certificate is verified: the context trusts only the one just made.
        client = Client(port, ssl.create_default_context(cafile=os.path.join(work, "server.crt")))
        status, _, body = client.get("/healthz")
        check(status == 200 and body == b"ok", "/healthz over TLS (got %d %r)" % (status, body))

        status, _, _ = client.get("/login")
        check(status == 200 and client.cookies.get("beian_login"),
              "the login page over TLS (got %d)" % status)
        status, _, _ = client.login("clerk", PASSWORD)
        session = [v for v in client.set_cookies if v.startswith("beian_session=")]
        check(status == 303 and session and "; Secure" in session[0],
              "a login over TLS sets a Secure session cookie (got %d %r)" % (status, session))

        # Plain HTTP to the TLS port: no page comes back.
        sock = socket.create_connection(("127.0.0.1", port), timeout=10)
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        answer = b""
        try:
            while True:
                chunk = sock.recv(4096)
                if not chunk:
                    break
                answer += chunk
        except (ConnectionResetError, socket.timeout):
            pass
        sock.close()
        check(not answer.startswith(b"HTTP/1.1 200"), "plain HTTP gets no page (got %r)" % answer[:40])
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def check_refusals(beian, env, work):
    registry = os.path.join(work, "registry.sqlite")
    make_pair(work, "other")
    cases = [
        ({"web_tls_certificate": "server.crt"}, "set both"),
        ({"web_tls_certificate": "server.crt", "web_tls_key": "missing.key"}, "missing.key"),
        ({"web_tls_certificate": "server.crt", "web_tls_key": "other.key"}, "other.key"),
    ]
    for settings, says in cases:
        proc = serve(beian, env, registry, write_settings(work, settings))
        try:
            out, err = proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, err = proc.communicate()
        check(proc.returncode == 2 and says in err and "beian serve:" not in out,
              "%s: exit 2 naming %r before listening (got %s, %r)" %
              (settings, says, proc.returncode, err))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--beian", required=True)
    args = parser.parse_args()
    env = clean_env()
    work = env["TMPDIR"]
    try:
        make_pair(work, "server")
        check_https(args.beian, env, work)
        check_refusals(args.beian, env, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return finish("web_tls_test")


if __name__ == "__main__":
    sys.exit(main())
