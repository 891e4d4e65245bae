"""Browser tests: Playwright driving Debian's Chromium against a real server.

One gunicorn (production settings: DEBUG off, the real CSP, WhiteNoise) serves a
throwaway SQLite database holding the launch dataset, an editor and a moderator,
for the whole session. Every page a test opens is watched: a console error, an
uncaught script error or a Content-Security-Policy violation fails the test
(``watched_page`` collects them; ``assert_clean`` checks). ``axe(page)`` runs the
vendored axe-core (tests/browser/vendor, MPL-2.0) and returns its critical and
serious violations. ``shoot(page, name)`` saves a screenshot at the current
viewport under ``var/screenshots/`` (CI artefacts, gitignored).

Skipped where Chromium (``/usr/bin/chromium``, Debian's package; never a
downloaded browser) or the ``playwright`` package is missing; ``.ci/run``
installs Chromium with apt. Marked ``browser``.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("KZ_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
SCREENSHOTS = ROOT / "var" / "screenshots"
AXE_SOURCE = Path(__file__).with_name("vendor") / "axe.min.js"
PASSWORD = "correct horse battery staple 42"
SECRET = "browser-tests-only-" + "x" * 60
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def _available():
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return False
    return Path(CHROMIUM).exists()


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    skip = None if _available() else pytest.mark.skip(reason="needs Debian's chromium (apt) and playwright (pip)")
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)
            if skip:
                item.add_marker(skip)


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


SETUP_USERS = f"""
from django.contrib.auth.models import Group, User
for name, group in (("editor", "Editors"), ("moderator", "Moderators")):
    user = User.objects.create_user(name, password={PASSWORD!r}, is_staff=True)
    user.groups.add(Group.objects.get(name=group))
"""


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The base URL of a gunicorn serving the launch dataset (set up once, ~15 s)."""
    folder = tmp_path_factory.mktemp("browser-site")
    port = _free_port()
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL", "DEBUG")},
        "SECRET_KEY": SECRET,
        "KZ_LOCAL_HTTP": "1",
        "SQLITE_PATH": str(folder / "site.sqlite3"),
        "KZ_MANIFEST_STATIC": "0",
        "KZ_TASKS_IMMEDIATE": "1",
        "HUEY_SQLITE_PATH": str(folder / "tasks.sqlite3"),
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "WEB_CONCURRENCY": "2",
        "KZ_COMMENT_RATE": "100/1m",
        "DJANGO_SETTINGS_MODULE": "kzportal.settings",
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    for command in (["migrate", "--noinput", "-v", "0"], ["load_launch_content", "-v", "0"], ["shell", "-c", SETUP_USERS]):
        subprocess.run(manage + command, cwd=ROOT, env=env, check=True, timeout=300)
    log = open(folder / "gunicorn.log", "w")  # noqa: SIM115
    server = subprocess.Popen(
        [str(Path(sys.executable).with_name("gunicorn")), "--config", "kzportal/gunicorn.conf.py"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=2):  # noqa: S310
                break
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.terminate()
                raise RuntimeError((folder / "gunicorn.log").read_text()[-3000:]) from None
            time.sleep(0.3)
    yield base
    server.terminate()
    server.wait(timeout=20)
    log.close()


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"]
        )
        yield browser
        browser.close()


class Watched:
    """A page whose console errors, script errors and CSP violations are collected."""

    def __init__(self, page, base):
        self.page = page
        self.base = base
        self.problems = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.problems.append(f"script error: {error}"))
        page.set_default_timeout(15_000)

    def _console(self, message):
        if message.type == "error" or "Content Security Policy" in message.text:
            where = message.location.get("url", "") if message.location else ""
            self.problems.append(f"console {message.type}: {message.text} (page {self.page.url}; from {where})")

    def go(self, path):
        response = self.page.goto(path if path.startswith("http") else self.base + path)
        return response

    def __getattr__(self, name):
        return getattr(self.page, name)


def _context(chromium, viewport):
    return chromium.new_context(viewport=viewport, locale="en-GB", reduced_motion="reduce")


@pytest.fixture
def watched(chromium, site):
    """A fresh desktop (1280×900) browser context; fails the test on console errors or CSP violations."""
    context = _context(chromium, DESKTOP)
    page = Watched(context.new_page(), site)
    yield page
    context.close()
    assert page.problems == [], "console errors or CSP violations:\n" + "\n".join(page.problems)


@pytest.fixture
def phone(chromium, site):
    """A fresh phone-sized (390×844) browser context, watched like ``watched``."""
    context = _context(chromium, PHONE)
    page = Watched(context.new_page(), site)
    yield page
    context.close()
    assert page.problems == [], "console errors or CSP violations:\n" + "\n".join(page.problems)


def login(page, username):
    page.go("/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("#login-form [type=submit]")
    assert not page.url.endswith("/admin/login/"), "login failed"


def axe(page, *, exclude=()):
    """Critical and serious axe-core violations on the page, as readable strings.

    axe is evaluated through the DevTools protocol, which the page's CSP does not govern,
    so the site's policy stays exactly as served."""
    before = len(getattr(page, "problems", []))
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SOURCE.read_text())
    result = page.evaluate(
        """async (exclude) => {
            const context = exclude.length ? {exclude: exclude.map((s) => [s])} : document;
            const r = await axe.run(context, {resultTypes: ['violations']});
            return r.violations.filter((v) => v.impact === 'critical' || v.impact === 'serious')
                .map((v) => `${v.impact} ${v.id}: ${v.help} — ` +
                     v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ') +
                     (v.nodes.length > 3 ? ` (+${v.nodes.length - 3} more)` : ''));
        }""",
        list(exclude),
    )
    page.wait_for_timeout(50)
    if hasattr(page, "problems"):
        # axe's own probes (cloned nodes with style attributes) trip style-src; they are not the page's.
        page.problems[before:] = [p for p in page.problems[before:] if "Applying inline style" not in p]
    return result


def shoot(page, name):
    """Save a screenshot of the viewport (var/screenshots/<name>-<width>.png)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    width = page.viewport_size["width"]
    page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}.png"))
