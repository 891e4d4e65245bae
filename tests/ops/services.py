"""Throwaway services for fault tests: a PostgreSQL cluster of the test's own, gunicorn servers.

Never the shared PostgreSQL or Redis: each test starts what it breaks, on a
port from this checkout's range, and removes it afterwards.
"""

import glob
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def postgres_bindir() -> Path | None:
    """The directory with initdb and pg_ctl (Debian keeps them off PATH)."""
    candidates = []
    if shutil.which("pg_config"):
        out = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True, check=False).stdout.strip()
        candidates.append(out)
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    for directory in candidates:
        if directory and os.path.exists(os.path.join(directory, "initdb")) and os.path.exists(
            os.path.join(directory, "pg_ctl")
        ):
            return Path(directory)
    return None


class ThrowawayPostgres:
    """initdb + pg_ctl in a temporary directory, trust auth, listening on 127.0.0.1:port.

    Run as the postgres user when the tests run as root (PostgreSQL refuses root).
    """

    def __init__(self, port: int):
        self.port = port
        self.bindir = postgres_bindir()
        if self.bindir is None:
            raise RuntimeError("PostgreSQL server binaries (initdb, pg_ctl) are not installed")
        self.dir = Path(tempfile.mkdtemp(prefix="kz-pg-"))
        self.data = self.dir / "data"
        self.as_user = []
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres", "postgres")
            self.as_user = ["runuser", "-u", "postgres", "--"]

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres"

    def _pg(self, tool, *args, check=True):
        return subprocess.run(
            [*self.as_user, str(self.bindir / tool), *args], capture_output=True, text=True, check=check, timeout=60
        )

    def init(self):
        self._pg("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync")
        return self

    def start(self):
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={self.dir} "
            "-c fsync=off -c full_page_writes=off"
        )
        self._pg("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.dir / "log"), "-w", "start")
        return self

    def stop(self):
        self._pg("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop", check=False)

    def pids(self) -> list[int]:
        """The postmaster and all its children (backends, checkpointer, ...)."""
        postmaster = int((self.data / "postmaster.pid").read_text().split()[0])
        pids = [postmaster]
        for stat in glob.glob("/proc/[0-9]*/stat"):
            try:
                fields = Path(stat).read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == postmaster:
                pids.append(int(stat.split("/")[2]))
        return pids

    def hang(self):
        """SIGSTOP every process of the cluster: connections stay open, nothing answers."""
        self._stopped = self.pids()
        for pid in self._stopped:
            os.kill(pid, signal.SIGSTOP)

    def resume(self):
        for pid in getattr(self, "_stopped", []):
            try:
                os.kill(pid, signal.SIGCONT)
            except ProcessLookupError:
                pass
        self._stopped = []

    def destroy(self):
        self.resume()
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


def manage(env, *args, timeout=120):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT, env={**os.environ, **env}, capture_output=True, text=True, check=True, timeout=timeout,
    )


class Gunicorn:
    """`gunicorn -c kzportal/gunicorn.conf.py`, as `make run` starts it, on our own port."""

    def __init__(self, env: dict, port: int, log: Path):
        self.port = port
        self.env = {**os.environ, "HOST": "127.0.0.1", "PORT": str(port), **env}
        self.log = log
        self.process = None

    def __enter__(self):
        handle = open(self.log, "ab")
        self.process = subprocess.Popen(
            [str(BIN / "gunicorn"), "--config", "kzportal/gunicorn.conf.py"],
            cwd=ROOT, env=self.env, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True,
        )
        handle.close()
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/healthz", timeout=2) as response:  # noqa: S310
                    if response.status == 200:
                        return self
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited: {self.log.read_text()[-3000:]}")
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not start: {self.log.read_text()[-3000:]}")

    def __exit__(self, *exc):
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"
