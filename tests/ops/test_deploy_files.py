"""The deployment files describe one process layout, and each can run what it names.

No container runtime or systemd here: the image's build step is run as the
Dockerfile writes it (its environment, its command), and compose.yaml, the
systemd units and the nginx template are read and checked against each other
and against the repository. The nginx template itself is served for real by
scripts/smoke_proxy.py (.ci/run).
"""

import configparser
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"


def dockerfile_run_steps():
    """Each RUN instruction of the Dockerfile, continuation lines joined."""
    text = (ROOT / "Dockerfile").read_text().replace("\\\n", " ")
    return [line[len("RUN ") :].strip() for line in text.splitlines() if line.startswith("RUN ")]


def test_the_image_build_step_collects_static_files_under_the_production_settings(tmp_path):
    (step,) = [run for run in dockerfile_run_steps() if "collectstatic" in run]
    words = shlex.split(step.split("&&")[0])
    assignments = dict(word.split("=", 1) for word in words if re.match(r"^[A-Z_]+=", word))
    command = [word for word in words if not re.match(r"^[A-Z_]+=", word)]
    assert command[:3] == [".venv/bin/python", "manage.py", "collectstatic"]
    # As in the image: no DEBUG, no local-HTTP switch, no key but the one the step sets.
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "DEBUG", "KZ_LOCAL_HTTP", "KZ_SECRET_KEY_FILE", "KZ_MANIFEST_STATIC"}
    }
    result = subprocess.run(
        [sys.executable, *command[1:], "--dry-run"],
        cwd=ROOT,
        env={**env, **assignments},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]


def compose():
    return yaml.safe_load((ROOT / "compose.yaml").read_text())


def test_compose_runs_the_documented_layout_from_one_image():
    services = compose()["services"]
    # nginx, two app servers, the worker, PostgreSQL and Redis (README "Deployment").
    assert {"proxy", "web1", "web2", "worker", "db", "redis"} <= set(services)
    app_images = {services[name]["image"] for name in ("web1", "web2", "worker", "migrate", "static")}
    assert app_images == {"kzportal:latest"}
    assert all(services[name].get("build") == "." for name in ("web1", "web2", "worker", "static"))
    # The worker runs what kzportal-worker.service runs.
    unit = configparser.ConfigParser(interpolation=None, strict=False)
    unit.read(DEPLOY / "systemd/kzportal-worker.service")
    assert services["worker"]["command"] == ["python", *shlex.split(unit["Service"]["ExecStart"])[1:]]
    for name in ("web1", "web2", "worker"):
        env = services[name]["environment"]
        assert env["DATABASE_URL"].startswith("postgres://") and "@db:" in env["DATABASE_URL"]
        assert env["REDIS_URL"].startswith("redis://redis:")
        assert env["KZ_TRUSTED_PROXIES"]


def test_the_compose_proxy_fills_every_blank_of_the_nginx_template_and_waits_for_the_static_files():
    services = compose()["services"]
    proxy = services["proxy"]
    template = (DEPLOY / "nginx/kzportal.conf.template").read_text()
    assert set(re.findall(r"\$\{(KZ_[A-Z_]+)\}", template)) == set(proxy["environment"])
    upstreams = re.findall(r"server ([a-z0-9]+):(\d+);", proxy["environment"]["KZ_UPSTREAMS"])
    assert {host for host, _port in upstreams} == {"web1", "web2"}
    for volume in proxy["volumes"]:
        source = volume.split(":")[0]
        if source.startswith("./"):
            assert (ROOT / source).is_file(), source
    # The included parameters file sits where the template's relative include finds it.
    assert "include kzportal_proxy_params;" in template
    assert any(v.endswith(":/etc/nginx/kzportal_proxy_params:ro") for v in proxy["volumes"])
    assert proxy["depends_on"]["static"] == {"condition": "service_completed_successfully"}


def units():
    found = {}
    for path in sorted((DEPLOY / "systemd").glob("kzportal-*.service")):
        unit = configparser.ConfigParser(interpolation=None, strict=False)
        unit.read(path)
        found[path.name] = unit["Service"]
    return found


def test_the_systemd_units_start_what_the_repository_has():
    services = units()
    web = shlex.split(services["kzportal-web@.service"]["ExecStart"])
    assert web[1:] == ["--config", "kzportal/gunicorn.conf.py"] and (ROOT / web[2]).is_file()
    commands = ROOT / "articles/management/commands"
    worker = shlex.split(services["kzportal-worker.service"]["ExecStart"])
    assert worker[1:] == ["manage.py", "run_huey"]
    assert "manage.py backup" in services["kzportal-backup.service"]["ExecStart"]
    assert (commands / "backup.py").is_file()
    for service in services.values():
        assert service["WorkingDirectory"] == "/srv/kzportal"
        assert service["EnvironmentFile"] == "/etc/kzportal/env"


def test_app_servers_and_the_worker_may_write_uploaded_images():
    # ProtectSystem=strict leaves only ReadWritePaths writable; media/ is MEDIA_ROOT
    # in the checkout, where the admin stores uploads and renditions are written.
    for name in ("kzportal-web@.service", "kzportal-worker.service"):
        writable = units()[name]["ReadWritePaths"].split()
        assert {"/srv/kzportal/var", "/srv/kzportal/media"} <= set(writable), name


def make_dry_run(target):
    result = subprocess.run(["make", "-n", target], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_make_run_serves_with_gunicorn_and_the_task_worker_and_make_dev_with_runserver():
    run = make_dry_run("run")
    assert "gunicorn --config kzportal/gunicorn.conf.py" in run
    assert "manage.py run_huey" in run
    assert "runserver" not in run
    dev = make_dry_run("dev")
    assert "manage.py runserver" in dev and "gunicorn" not in dev
