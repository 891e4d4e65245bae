"""Lighthouse (npm, pinned) in Debian's headless Chromium on six public pages, mobile preset.

Serves the launch content as production does (DEBUG off, hashed and compressed static
files through WhiteNoise, the real CSP, the page cache) from gunicorn on plain local HTTP
(KZ_LOCAL_HTTP=1, 127.0.0.1 only) over a throwaway SQLite database under var/lighthouse/,
then runs Lighthouse on the home page, the commentary list, an article, an actor, a claim
and the timeline. The article, actor and claim are the heaviest of their kind (most
citations, most articles, most cited passages), so the numbers are the worst case.

Lighthouse's defaults are kept: the mobile form factor (Moto G Power screen) and simulated
throttling (Lantern: slow 4G and a 4x slower CPU, computed from one unthrottled load), which
depends far less on this machine's load than devtools throttling would. Each page is run
``--runs`` times (default 3) and the median of each category is reported and checked.

Writes var/lighthouse/<page>-<run>.report.{json,html} and prints one row per page:
performance, accessibility, best practices, SEO. Exits 1 if a median is under its target
(performance 95, the other three 100).

usage: .venv/bin/python scripts/lighthouse.py [--runs N] [--pages home,article,...] (or: make lighthouse)
env:   LIGHTHOUSE_PORT (default 9600), CHROME_PATH (default /usr/bin/chromium),
       LIGHTHOUSE_NODE_DIR (npm prefix, default var/node; gitignored)
"""

import argparse
import json
import os
import secrets
import shutil
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIGHTHOUSE_VERSION = "12.8.2"  # the last major that runs on Debian 12's Node 20 (13 needs Node 22)
NODE_DIR = Path(os.environ.get("LIGHTHOUSE_NODE_DIR", ROOT / "var" / "node"))
OUT = ROOT / "var" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
PAGES = ("home", "list", "article", "actor", "claim", "timeline")

# The heaviest article, actor and claim, as published: printed as three paths.
PICK_PAGES = """
from django.db.models import Count, Q
from actors.models import Actor
from articles.models import Article, Claim
published = Article.objects.published()
article = published.annotate(n=Count("citations")).order_by("-n", "pk").first()
actor = (Actor.objects.annotate(n=Count("articles", filter=Q(articles__in=published), distinct=True))
         .order_by("-n", "pk").first())
claim = Claim.objects.with_stance_counts().order_by("-passage_count", "pk").first()
print(article.get_absolute_url(), actor.get_absolute_url(), claim.get_absolute_url())
"""


def tool(name):
    found = shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found: install Node.js and npm (Debian: apt-get install nodejs npm)")
    return found


def lighthouse_bin():
    """The pinned Lighthouse in NODE_DIR, installed from npm on first use (or on a version change)."""
    package = NODE_DIR / "node_modules" / "lighthouse" / "package.json"
    installed = json.loads(package.read_text())["version"] if package.exists() else None
    if installed != LIGHTHOUSE_VERSION:
        print(f"Installing lighthouse@{LIGHTHOUSE_VERSION} into {NODE_DIR}", flush=True)
        NODE_DIR.mkdir(parents=True, exist_ok=True)
        subprocess.run(  # noqa: S603 - npm from PATH and a pinned package name
            [tool("npm"), "install", "--prefix", str(NODE_DIR), "--no-audit", "--no-fund", "--silent",
             "--no-save", f"lighthouse@{LIGHTHOUSE_VERSION}"],
            check=True,
        )  # fmt: skip
    return NODE_DIR / "node_modules" / "lighthouse" / "cli" / "index.js"


def site_env(port, work):
    """Production settings (nothing opted out but HTTPS, which needs a certificate)."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k
        not in (
            "DEBUG",
            "DATABASE_URL",
            "REDIS_URL",
            "KZ_BEHIND_PROXY",
            "KZ_SECRET_KEY_FILE",
            "KZ_MANIFEST_STATIC",
        )
    }
    env.update(
        SECRET_KEY=secrets.token_urlsafe(50),
        KZ_LOCAL_HTTP="1",
        ALLOWED_HOSTS="127.0.0.1",
        SQLITE_PATH=str(work / "site.sqlite3"),
        HUEY_SQLITE_PATH=str(work / "tasks.sqlite3"),
        KZ_TASKS_IMMEDIATE="1",
        HOST="127.0.0.1",
        PORT=str(port),
        WEB_CONCURRENCY="3",
        DJANGO_SETTINGS_MODULE="kzportal.settings",
        LOG_LEVEL="WARNING",  # the set-up's task log is noise here
    )
    return env


def manage(env, *args, capture=False):
    result = subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, str(ROOT / "manage.py"), *args],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=600,
        text=True,
        stdout=subprocess.PIPE if capture else None,
    )
    return result.stdout


def wait_for(url, server, log):
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 (our own local server)
                return
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                raise SystemExit("gunicorn did not start:\n" + log.read_text()[-3000:]) from None
            time.sleep(0.3)


def warm(base, paths):
    """Fill every worker's page cache, so Lighthouse measures the cached page production serves."""
    for _ in range(6):
        for path in paths:
            with urllib.request.urlopen(base + path, timeout=30) as response:  # noqa: S310
                response.read()


def run_lighthouse(cli, url, stem):
    flags = ["--headless=new", "--disable-gpu", "--disable-dev-shm-usage"]
    if os.geteuid() == 0:
        flags.append("--no-sandbox")  # Chromium refuses to start its sandbox as root
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    command = [
        tool("node"), str(cli), url,
        "--quiet",
        "--form-factor=mobile",
        "--throttling-method=simulate",
        f"--only-categories={','.join(CATEGORIES)}",
        "--output=json", "--output=html",
        f"--output-path={stem}",
        f"--chrome-flags={' '.join(flags)}",
    ]  # fmt: skip
    # On a loaded machine Lighthouse now and then loses its trace ("NO_NAVSTART") and
    # asks to be run again: a failed run is retried twice, never counted.
    for attempt in range(1, 4):
        result = subprocess.run(command, env=env, timeout=300, check=False)  # noqa: S603 - node running the pinned Lighthouse
        if result.returncode == 0:
            break
        print(f"  Lighthouse failed on {url} (attempt {attempt} of 3)", flush=True)
    else:
        raise SystemExit(f"Lighthouse failed three times on {url}")
    report = json.loads(Path(f"{stem}.report.json").read_text())
    scores = {c: round(100 * (report["categories"][c]["score"] or 0)) for c in CATEGORIES}
    failing = [
        f"{audit['id']} ({audit['score']})"
        for audit in report["audits"].values()
        if audit.get("score") is not None and audit["score"] < 1 and audit.get("scoreDisplayMode") == "binary"
    ]
    metrics = {
        key: report["audits"][key]["numericValue"]
        for key in (
            "first-contentful-paint",
            "largest-contentful-paint",
            "total-blocking-time",
            "cumulative-layout-shift",
        )
    }
    return scores, failing, metrics


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--runs", type=int, default=3, help="Lighthouse runs per page; the median counts (default 3)"
    )
    parser.add_argument(
        "--pages", default=",".join(PAGES), help=f"comma-separated subset of {','.join(PAGES)}"
    )
    parser.add_argument(
        "--reuse-db",
        action="store_true",
        help="keep the database of the last run (skips the ~3 minute set-up)",
    )
    parser.add_argument("--port", type=int, default=int(os.environ.get("LIGHTHOUSE_PORT", 9600)))
    args = parser.parse_args()
    wanted = [p.strip() for p in args.pages.split(",") if p.strip()]
    unknown = set(wanted) - set(PAGES)
    if unknown:
        parser.error(f"unknown pages: {', '.join(sorted(unknown))}")

    chrome = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
    if not Path(chrome).exists():
        raise SystemExit(f"No Chromium at {chrome}: apt-get install chromium (or set CHROME_PATH)")
    cli = lighthouse_bin()

    OUT.mkdir(parents=True, exist_ok=True)
    work = OUT / "site"
    reuse = args.reuse_db and (work / "site.sqlite3").exists()
    if not reuse:
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir()
    env = site_env(args.port, work)
    manage(env, "collectstatic", "--noinput", "-v", "0")
    if not reuse:
        print("Setting up the launch content in a throwaway SQLite database", flush=True)
        manage(env, "migrate", "--noinput", "-v", "0")
        manage(env, "load_launch_content", "-v", "0")
    article, actor, claim = manage(env, "shell", "-v", "0", "-c", PICK_PAGES, capture=True).split()
    paths = {
        "home": "/",
        "list": "/articles/",
        "article": article,
        "actor": actor,
        "claim": claim,
        "timeline": "/timeline/",
    }
    paths = {name: paths[name] for name in wanted}

    log = work / "gunicorn.log"
    with open(log, "w") as log_file:
        server = subprocess.Popen(  # noqa: S603 - the venv's gunicorn with the project's config
            [str(Path(sys.executable).with_name("gunicorn")), "--config", "kzportal/gunicorn.conf.py"],
            cwd=ROOT,
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
        try:
            base = f"http://127.0.0.1:{args.port}"
            wait_for(base + "/healthz", server, log)
            warm(base, paths.values())
            results = {}
            for name, path in paths.items():
                runs = []
                for run in range(1, args.runs + 1):
                    scores, failing, metrics = run_lighthouse(cli, base + path, OUT / f"{name}-{run}")
                    runs.append(scores)
                    print(
                        f"{name:<9} run {run}: "
                        + "  ".join(f"{c} {scores[c]}" for c in CATEGORIES)
                        + f"  | FCP {metrics['first-contentful-paint']:.0f} ms"
                        f" LCP {metrics['largest-contentful-paint']:.0f} ms"
                        f" TBT {metrics['total-blocking-time']:.0f} ms"
                        f" CLS {metrics['cumulative-layout-shift']:.3f}"
                        + (f"  | failing: {', '.join(failing)}" if failing else ""),
                        flush=True,
                    )
                results[name] = {c: statistics.median(r[c] for r in runs) for c in CATEGORIES}
        finally:
            server.terminate()
            server.wait(timeout=30)

    ok = True
    print(f"\nMedian of {args.runs} run(s), Lighthouse {LIGHTHOUSE_VERSION}, mobile, simulated throttling")
    width = max(len(path) for path in paths.values())
    print(f"{'page':<9} {'path':<{width}} {'perf':>5} {'a11y':>5} {'b.p.':>5} {'seo':>5}")
    for name, scores in results.items():
        low = [c for c in CATEGORIES if scores[c] < TARGETS[c]]
        ok = ok and not low
        cells = " ".join(f"{scores[c]:>5g}" for c in CATEGORIES)
        print(
            f"{name:<9} {paths[name]:<{width}} {cells}" + ("  UNDER TARGET: " + ", ".join(low) if low else "")
        )
    print(
        f"Targets: performance >= 95, the others 100. Reports: {OUT.relative_to(ROOT)}/<page>-<run>.report.html"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
