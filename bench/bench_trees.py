"""Counter reception and public tracking of two source trees, side by side in one run.

    .venv/bin/python bench/bench_trees.py --base /work/wt/other-tree --db postgres --rounds 6

Both trees serve the same PostgreSQL database (made by this tree: migrate, the test world of
tests/dossiers/factories.py), each from its own server process (Django's single-threaded WSGI server
with DEBUG off, as bench_dossiers.py serves its contenders; PYTHONPATH = that tree's src). The requests
are those of bench_dossiers.py: POST /api/v1/dossiers/counter with a real reception officer's session
and CSRF token, GET /api/v1/tracking/{code}?k=... on the latest dossiers. The trees alternate in timed
rounds, the order swapped every round, so machine noise hits both alike; the answer is each tree's
requests per second and the ratio this tree / the base. For a change that must be no slower than the
noise: run it twice, the spread of the ratios is the noise. Events wait in the outbox and the broker
queue (--broker, as bench_dossiers.py: no worker runs). Both tracking throttles (per code, per address) are
raised to 1,000,000/s; their cache bookkeeping still runs.
The schema of both trees must be the same (no migration between them).
"""

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(HERE), str(ROOT / "src")]  # this tree first, whatever is installed

import bench_dossiers as bd  # noqa: E402 - bench/ on the path first

PG_NAME = "motcua_bench_trees"

SERVER = """
import sys, time
from pathlib import Path
import django
from django.conf import settings
django.setup()
settings.MEDIA_ROOT = Path("/tmp/motcua-bench-trees-media")
static = Path("/tmp/motcua-bench-trees-static"); static.mkdir(exist_ok=True)
settings.STATIC_ROOT = static
rates = {"tracking": "1000000/s", "tracking-address": "1000000/s"}  # both of the tracking throttle
settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
from django.core.servers.basehttp import WSGIServer
from django.test.testcases import LiveServerThread

class SequentialServer(WSGIServer):
    def __init__(self, *args, connections_override=None, **kwargs):
        super().__init__(*args, **kwargs)

class Thread(LiveServerThread):
    server_class = SequentialServer

thread = Thread("127.0.0.1", lambda handler: handler, port=int(sys.argv[1]))
thread.daemon = True
thread.start()
thread.is_ready.wait()
if thread.error:
    raise thread.error
print("ready", flush=True)
while True:
    time.sleep(3600)
"""


def serve(tree: Path, port: int, env: dict) -> subprocess.Popen:
    process = subprocess.Popen(  # noqa: S603 - this interpreter, our own script
        [sys.executable, "-c", SERVER, str(port)],
        cwd=tree,
        env={**env, "PYTHONPATH": str(tree / "src")},
        stdout=subprocess.PIPE,
        text=True,
    )
    line = process.stdout.readline()
    if line.strip() != "ready":
        process.kill()
        raise RuntimeError(f"server of {tree} did not start")
    return process


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=Path, required=True, help="the other source tree (a git worktree)")
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--ports", default="18101,18102", help="this tree's server port, the base's")
    parser.add_argument("--broker", default="redis://127.0.0.1:6379/15", help="as bench_dossiers.py")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    bd.PG_NAME = PG_NAME
    bd.configure("postgres", args.broker)
    os.environ["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{PG_NAME}"
    world = bd.setup_django()  # migrate + the test world, with this tree's code
    from tests.dossiers.factories import person  # noqa: F401 - the factories are loaded

    ours, theirs = (int(p) for p in args.ports.split(","))
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    servers = {"this": serve(ROOT, ours, env), "base": serve(args.base.resolve(), theirs, env)}
    ports = {"this": ours, "base": theirs}
    try:
        body = json.dumps(bd.counter_body(world)).encode()
        staff = {**bd.officer_cookies(world.officer), "Content-Type": "application/json"}

        def receive(port):
            return lambda: bd.call(port, "POST", "/api/v1/dossiers/counter", body, staff, 201)

        reception = bd.duel({name: receive(port) for name, port in ports.items()}, args.rounds, args.seconds)

        from itertools import cycle

        from motcua.dossiers.api.tracking import tracking_path
        from motcua.dossiers.models import Dossier

        codes = list(Dossier.objects.order_by("-pk").values_list("code", flat=True)[:500])
        paths = {name: cycle([tracking_path(code) for code in codes]) for name in ports}

        def track(name):
            return lambda: bd.call(ports[name], "GET", next(paths[name]), None, {}, 200)

        tracking = bd.duel({name: track(name) for name in ports}, args.rounds, args.seconds)
    finally:
        for process in servers.values():
            process.kill()
            process.wait()
        from django.db import connections

        connections.close_all()
        bd.drop_postgres()
    figures = {
        "base": str(args.base),
        "rounds": args.rounds,
        "seconds": args.seconds,
        "reception": reception,
        "tracking": tracking,
        "ratio": {
            "reception": reception["this"]["rps"] / reception["base"]["rps"],
            "tracking": tracking["this"]["rps"] / tracking["base"]["rps"],
        },
    }
    for part in ("reception", "tracking"):
        f = figures[part]
        print(
            f"{part:10} this {f['this']['rps']:7.1f}/s  base {f['base']['rps']:7.1f}/s"
            f"  ratio {figures['ratio'][part]:.3f}"
        )
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
