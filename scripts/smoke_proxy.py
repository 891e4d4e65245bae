#!/usr/bin/env python3
"""Smoke test of the production layout: two gunicorn servers behind nginx over one
PostgreSQL and one Redis, plus the task worker, all real and all on this machine.

Through the proxy: pages answer; a comment is accepted once (a resent form
does not store it twice); the comment rate limit is shared by both servers;
an article published (and unpublished) is seen by both servers at once.
Uses deploy/nginx/kzportal.conf.template as shipped.

    SMOKE_DATABASE_URL=postgres://postgres@127.0.0.1:5432/kzportal_smoke \\
    SMOKE_REDIS_URL=redis://127.0.0.1:6379/14 SMOKE_PORT_BASE=18340 python scripts/smoke_proxy.py

The database named in SMOKE_DATABASE_URL is dropped and created afresh; the
Redis database is only used under a key prefix of this run. Exit status 0
when every check passed.
"""

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.ops.browser import Browser, first_article_path, form_fields  # noqa: E402

PY = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv" / "bin" / "python").exists() else sys.executable
GUNICORN = str(Path(PY).parent / "gunicorn")
DB_URL = os.environ.get("SMOKE_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/kzportal_smoke")
REDIS_URL = os.environ.get("SMOKE_REDIS_URL", "redis://127.0.0.1:6379/14")
PORT_BASE = int(os.environ.get("SMOKE_PORT_BASE", "18340"))
PROXY_PORT, WEB_PORTS = PORT_BASE, (PORT_BASE + 1, PORT_BASE + 2)
RATE = 3

failures = []


def check(label, condition, detail=""):
    print(f"{'ok  ' if condition else 'FAIL'} {label}{(': ' + str(detail)) if detail else ''}", flush=True)
    if not condition:
        failures.append(label)


def fresh_database():
    import psycopg

    parts = urllib.parse.urlsplit(DB_URL)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True, connect_timeout=5) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def wait_for(url, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if Browser(timeout=2).get(url).status == 200:
                return True
        except OSError:
            pass
        time.sleep(0.2)
    return False


def render_nginx(tmp: Path) -> Path:
    template = (ROOT / "deploy/nginx/kzportal.conf.template").read_text()
    values = {
        "KZ_LISTEN": f"127.0.0.1:{PROXY_PORT}",
        "KZ_SERVER_NAME": "localhost",
        "KZ_UPSTREAMS": " ".join(f"server 127.0.0.1:{port};" for port in WEB_PORTS),
        "KZ_STATIC_ROOT": str(ROOT / "staticfiles") + "/",
    }
    site = re.sub(r"\$\{(KZ_[A-Z_]+)\}", lambda m: values[m.group(1)], template)
    shutil.copy(ROOT / "deploy/nginx/kzportal_proxy_params", tmp / "kzportal_proxy_params")
    (tmp / "site.conf").write_text(site)
    (tmp / "nginx.conf").write_text(f"""
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    access_log {tmp}/access.log;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    include {tmp}/site.conf;
}}
""")
    return tmp / "nginx.conf"


def stored(env, body) -> int:
    out = subprocess.run(
        [PY, "manage.py", "shell", "-c",
         f"from articles.models import Comment; print(Comment.objects.filter(body={body!r}).count())"],
        cwd=ROOT, env=env, capture_output=True, text=True, check=True,
    ).stdout
    return int(out.strip().splitlines()[-1])


def django(env, code):
    subprocess.run([PY, "manage.py", "shell", "-c", code], cwd=ROOT, env=env, check=True, capture_output=True)


def main():
    tmp = Path(tempfile.mkdtemp(prefix="kz-smoke-"))
    env = {
        **os.environ,
        "DATABASE_URL": DB_URL,
        "REDIS_URL": REDIS_URL,
        "CACHE_KEY_PREFIX": f"kzsmoke{os.getpid()}",
        "SECRET_KEY": os.environ.get("SECRET_KEY", "smoke-test-secret-key-not-for-production-use-0123456789"),
        "KZ_TRUSTED_PROXIES": "127.0.0.1",
        "KZ_COMMENT_RATE": f"{RATE}/10m",
        "WEB_CONCURRENCY": "2",
        "ALLOWED_HOSTS": "localhost,127.0.0.1",
        # nginx here listens on plain HTTP on loopback (TLS ends at the real proxy in production).
        "KZ_LOCAL_HTTP": "1",
    }
    processes = []
    try:
        fresh_database()
        for command in (["migrate", "--noinput", "-v0"], ["collectstatic", "--noinput", "-v0"], ["load_launch_content", "-v0"]):
            subprocess.run([PY, "manage.py", *command], cwd=ROOT, env=env, check=True)
        for port in WEB_PORTS:
            log = open(tmp / f"web{port}.log", "wb")
            processes.append(subprocess.Popen([GUNICORN, "--config", "kzportal/gunicorn.conf.py"], cwd=ROOT,
                                              env={**env, "PORT": str(port)}, stdout=log, stderr=subprocess.STDOUT,
                                              start_new_session=True))
        log = open(tmp / "worker.log", "wb")
        processes.append(subprocess.Popen([PY, "manage.py", "run_huey"], cwd=ROOT, env=env, stdout=log,
                                          stderr=subprocess.STDOUT, start_new_session=True))
        conf = render_nginx(tmp)
        subprocess.run(["nginx", "-t", "-q", "-c", str(conf), "-e", str(tmp / "error.log")], check=True)
        processes.append(subprocess.Popen(["nginx", "-c", str(conf), "-e", str(tmp / "error.log"), "-g", "daemon off;"],
                                          start_new_session=True))
        proxy = f"http://127.0.0.1:{PROXY_PORT}"
        for port in WEB_PORTS:
            check(f"app server on {port} is up", wait_for(f"http://127.0.0.1:{port}/healthz"))
        check("nginx is up", wait_for(f"{proxy}/healthz"))

        browser = Browser()
        listing = browser.get(proxy + "/articles/")
        article = first_article_path(listing.body)
        for path in ("/", "/articles/", article, "/themes/", "/actors/", "/timeline/", "/readyz"):
            reply = browser.get(proxy + path)
            check(f"GET {path} through the proxy", reply.status == 200, f"{reply.status} in {reply.seconds * 1000:.0f} ms")
        css = re.search(r'href="(/static/[^"]+\.css)"', listing.body)
        reply = browser.get(proxy + css.group(1))
        check("static file served by nginx", reply.status == 200 and "immutable" in reply.headers.get("Cache-Control", ""),
              reply.headers.get("Cache-Control"))
        check("request id passed through", len(listing.headers.get("X-Request-ID", "")) >= 8)

        # Form tokens are single-use: one form per comment, as each reader has their own page.
        fields = form_fields(browser.get(proxy + article).body)
        forms = [form_fields(browser.get(proxy + article).body) for _ in range(RATE + 2)]
        time.sleep(3.2)
        body = f"Smoke test comment {os.getpid()}: accepted once."
        data = {"name": "Smoke", "email": "smoke@example.org", "body": body, "website": "", **fields}
        # As a browser sends it: Origin and Referer name the proxy's address, port included,
        # and Django's CSRF check compares the Origin with the Host nginx passes on.
        sent_from = {"Origin": proxy, "Referer": proxy + article}
        first = browser.post(proxy + article + "comments/", data, headers=sent_from)
        again = browser.post(proxy + article + "comments/", data, headers=sent_from)
        check("comment accepted", first.status == 302, first.status)
        check("the same comment sent again is not stored twice", again.status == 302 and stored(env, body) == 1,
              f"{again.status}, stored {stored(env, body)}")

        # The allowance (RATE per client) is one, whichever server takes the post.
        statuses = []
        for n, own in enumerate(forms):
            reply = browser.post(proxy + article + "comments/", {**data, **own, "body": f"Rate test {os.getpid()} #{n}."},
                                 headers=sent_from)
            statuses.append(reply.status)
        accepted = statuses.count(302)
        check("rate limit shared by both servers", accepted == RATE - 1 and statuses[accepted:] == [429] * (len(statuses) - accepted),
              statuses)
        served = [sum(1 for line in (tmp / f"web{port}.log").read_text().splitlines() if "POST /articles/" in line)
                  for port in WEB_PORTS]
        check("posts went to both servers", all(served), f"POSTs per server: {served}")

        slug = article.strip("/").split("/")[-1]
        django(env, f"from articles.models import Article; from articles.publishing import unpublish_article; "
                    f"unpublish_article(article=Article.objects.get(slug={slug!r}), by=None)")
        gone = [Browser().get(f"http://127.0.0.1:{port}{article}").status for port in WEB_PORTS]
        django(env, f"from articles.models import Article; from articles.publishing import publish_article, submit_for_review; "
                    f"a = Article.objects.get(slug={slug!r}); submit_for_review(article=a, by=None); publish_article(article=a, by=None)")
        back = [Browser().get(f"http://127.0.0.1:{port}{article}").status for port in WEB_PORTS]
        check("an unpublish is seen by both servers", gone == [404, 404], gone)
        check("a publish is seen by both servers", back == [200, 200], back)
    finally:
        for process in reversed(processes):
            process.send_signal(signal.SIGTERM if process.args[0] != "nginx" else signal.SIGQUIT)
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        if failures:
            for name in sorted(tmp.glob("*.log")):
                print(f"--- {name.name}\n{name.read_text()[-3000:]}")
        shutil.rmtree(tmp, ignore_errors=True)
    print("smoke test:", "FAILED: " + ", ".join(failures) if failures else "all checks passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
