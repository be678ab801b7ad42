"""A private PostgreSQL cluster and a real gunicorn for the fault drills (tests/faults, bench/drill_faults.py).

The shared PostgreSQL on 5432 is never stopped: each drill starts its own cluster (`initdb` into a
temporary folder, a port of the 18800-18899 range), which it may stop, restart or kill. As root the
server runs as the `postgres` user (PostgreSQL refuses to run as root).
"""

from __future__ import annotations

import glob
import http.client
import json
import os
import queue
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import uuid
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src"
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))


def postgres_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    return Path(found[-1]).parent if found else None


def free_port(lo: int, hi: int) -> int:
    for port in range(lo, hi):
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port in {lo}-{hi}")


class Cluster:
    """initdb, start, stop (fast), restart, kill; databases by name; as `postgres` when we are root."""

    def __init__(self, port: int):
        self.bin = postgres_bin()
        self.port = port
        self.home = Path(tempfile.mkdtemp(prefix="motcua-faults-pg-"))
        self.data = self.home / "data"
        self.as_root = os.geteuid() == 0
        if self.as_root:
            shutil.chown(self.home, "postgres", "postgres")
        self._run("initdb", "-D", self.data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync")
        with open(self.data / "postgresql.conf", "a") as conf:
            conf.write(
                f"port = {port}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '{self.home}'\n"
                "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\nmax_connections = 60\n"
            )

    def _run(self, tool: str, *args, check=True, timeout=60):
        argv = [str(self.bin / tool), *map(str, args)]
        if self.as_root:
            argv = ["runuser", "-u", "postgres", "--", *argv]
        return subprocess.run(argv, capture_output=True, text=True, check=check, timeout=timeout)

    def start(self):
        self._run("pg_ctl", "-D", self.data, "-l", self.home / "log", "-w", "-t", "30", "start")

    def stop(self, mode: str = "fast"):
        self._run("pg_ctl", "-D", self.data, "-m", mode, "-w", "-t", "30", "stop", check=False)

    def restart(self):
        self.stop()
        self.start()

    def url(self, name: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def sql(self, statement: str, database: str = "postgres"):
        return self._run("psql", "-h", "127.0.0.1", "-p", self.port, "-U", "postgres", "-d", database,
                         "-v", "ON_ERROR_STOP=1", "-Atc", statement).stdout  # fmt: skip

    def create(self, name: str, template: str = "template1"):
        self.sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self.sql(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')

    def destroy(self):
        self.stop("immediate")
        shutil.rmtree(self.home, ignore_errors=True)


def environment(database_url: str, home: Path, **extra) -> dict:
    """The environment of every process of a drill: the server, the agent, the motcua commands."""
    env = {
        **os.environ,
        "PYTHONPATH": f"{SRC}{os.pathsep}{ROOT}",
        "DJANGO_SETTINGS_MODULE": "motcua.settings",
        "DATABASE_URL": database_url,
        "MOTCUA_HOME": str(home),
        "DEBUG": "1",  # the drills also check that no debug page ever shows
        "MOTCUA_INSECURE_DEV_KEY": "1",
        "MOTCUA_VNPAY_TMN_CODE": "MOTCUAFAULTS",
        "MOTCUA_VNPAY_HASH_SECRET": "faults-secret-0123456789abcdef",
        "MOTCUA_VNPAY_USE_SIMULATOR": "1",
        "MOTCUA_RETRY_AFTER_SECONDS": "1",
        "LOG_LEVEL": "WARNING",
        **extra,
    }
    for name in ("CELERY_BROKER_URL", "DJANGO_SETTINGS_MODULE_TEST"):
        env.pop(name, None)
    return env


def motcua(env: dict, *args, timeout=300) -> str:
    done = subprocess.run([PYTHON, "-m", "motcua", *args], env=env, capture_output=True, text=True,
                          timeout=timeout)  # fmt: skip
    if done.returncode:
        raise RuntimeError(f"motcua {' '.join(args)}: {done.stderr[-3000:]}")
    return done.stdout


def agent(env: dict, *args) -> dict:
    done = subprocess.run([PYTHON, "-m", "tests.faults.agent", *args], env=env, capture_output=True,
                          text=True, timeout=300, cwd=ROOT)  # fmt: skip
    if done.returncode:
        raise RuntimeError(f"agent {args[0]}: {done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


class Server:
    """gunicorn with deploy/gunicorn.conf.py (its port and worker count overridden), in its own process
    group; `kill_worker` sends SIGKILL to one worker, `kill` to the whole server."""

    def __init__(self, env: dict, port: int, workers: int = 2, threads: int = 2):
        self.env, self.port = env, port
        self.argv = [GUNICORN, "motcua.wsgi:application", "-c", str(ROOT / "deploy" / "gunicorn.conf.py"),
                     "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--threads", str(threads),
                     "--max-requests", "0", "--access-logfile", "/dev/null"]  # fmt: skip
        self.process = None
        self.kills = 0

    def start(self, timeout: float = 60):
        log = open(Path(self.env["MOTCUA_HOME"]) / f"gunicorn-{self.port}.log", "ab")  # noqa: SIM115
        self.process = subprocess.Popen(
            self.argv, env=self.env, stdout=log, stderr=log, start_new_session=True
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                status, _h, _b = request(self.port, "GET", "/healthz", timeout=2)
                if status in (200, 503):
                    return self
            except OSError:
                pass
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited {self.process.returncode}")
            time.sleep(0.2)
        raise RuntimeError("gunicorn did not answer")

    def workers(self) -> list[int]:
        out = subprocess.run(["pgrep", "-P", str(self.process.pid)], capture_output=True, text=True).stdout
        return [int(p) for p in out.split()]

    def kill_worker(self) -> int:
        """SIGKILL one worker (the master forks a new one); returns its pid."""
        pids = self.workers()
        if not pids:
            return 0
        os.kill(pids[0], signal.SIGKILL)
        self.kills += 1
        return pids[0]

    def kill(self):
        """SIGKILL the master and its workers at once (a power cut of the web machine)."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)
        self.kills += 1

    def stop(self):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGINT)  # gunicorn's quick shutdown
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)


def request(port: int, method: str, path: str, *, body: bytes | None = None, headers=None, timeout=30):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        conn.close()


def multipart(fields: dict, files: dict) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        )
    for name, (filename, content, kind) in files.items():
        head = (f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                f"Content-Type: {kind}\r\n\r\n")  # fmt: skip
        parts.append(head.encode() + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


CSRF = "faultsdrillcsrftoken0123456789ab"  # 32 characters: a cookie secret, sent back as the form's token


def post_form(port, path, session, fields, files=None, timeout=30):
    body, kind = multipart({**fields, "csrfmiddlewaretoken": CSRF}, files or {})
    headers = {"Content-Type": kind, "Cookie": f"sessionid={session}; csrftoken={CSRF}"}
    return request(port, "POST", path, body=body, headers=headers, timeout=timeout)


def get_ipn(port, params, timeout=30):
    return request(port, "GET", "/thanh-toan/ipn/vnpay/?" + urllib.parse.urlencode(params), timeout=timeout)


class Tally:
    """What the clients saw: answers by status, requests cut by a kill, server errors (never wanted)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.statuses: Counter = Counter()
        self.cut = 0
        self.requests = 0

    def add(self, status=None):
        with self.lock:
            self.requests += 1
            if status is None:
                self.cut += 1
            else:
                self.statuses[status] += 1

    @property
    def server_errors(self) -> int:
        return sum(n for status, n in self.statuses.items() if status >= 500 and status != 503)


def drive(jobs: list, send, *, clients: int, tally: Tally, during=None, give_up: float = 120) -> dict:
    """`clients` threads take `jobs` in turn; `send(job, attempt)` returns (status, headers, body). A
    request cut by a kill (connection reset, no answer) or answered 503 is sent again, as a client with
    an Idempotency-Key would, until it gets another answer; `during()` runs meanwhile in this thread
    (the kills, the restart). Returns {job index: (status, headers, body)} of each job's last answer."""
    work: queue.Queue = queue.Queue()
    for index, job in enumerate(jobs):
        work.put((index, job))
    results: dict = {}
    deadline = time.monotonic() + give_up

    def client():
        while True:
            try:
                index, job = work.get_nowait()
            except queue.Empty:
                return
            attempt = 0
            while time.monotonic() < deadline:
                try:
                    answer = send(job, attempt)
                except (OSError, http.client.HTTPException):
                    tally.add(None)
                    attempt += 1
                    time.sleep(0.1)
                    continue
                tally.add(answer[0])
                if answer[0] in (502, 503):
                    attempt += 1
                    time.sleep(min(float(answer[1].get("Retry-After", "1")), 1.0) / 2)
                    continue
                results[index] = (answer[0], answer[1], answer[2], attempt)
                break

    threads = [threading.Thread(target=client, daemon=True) for _ in range(clients)]
    for thread in threads:
        thread.start()
    if during is not None:
        during()
    for thread in threads:
        thread.join(timeout=max(1.0, deadline - time.monotonic()))
    return results


def until(condition, timeout: float = 30, step: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return False
