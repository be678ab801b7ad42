"""Instructions per API counter reception, counted by callgrind: a figure that does not drift with a
noisy machine, for comparing two versions of the code (docs/performance.md, seventh session).

    valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file=/tmp/cg.out \\
        .venv/bin/python bench/count_instructions.py --db sqlite --n 40
    # "Collected : N" in valgrind's last lines; N / 40 is the count per reception.
    # The version before: the same command with PYTHONPATH=<a worktree of it>/src.

`--endpoint minimal` counts the minimal raw INSERT instead, `--endpoint floor` the floor of a
reception (bench/minimal_endpoints.py: the officer's session and the rows of one real reception, by raw
SQL), so that their ratios can be read without the machine's noise.

The world is built and 30 receptions warm up with instrumentation off (valgrind runs about five times
slower then, not fifty); `callgrind_control -i on` switches it on around the measured requests only.
The WSGI handler is called in-process with the bench's body and a real officer's session, so only this
process is counted: on PostgreSQL the server's own work is not.
"""

import argparse
import io
import json
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_dossiers as bench  # noqa: E402

PATHS = {"api": "/api/v1/dossiers/counter", "minimal": "/bench/insert", "floor": "/bench/reception-floor"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--n", type=int, default=40, help="measured receptions")
    parser.add_argument("--endpoint", choices=tuple(PATHS), default="api")
    args = parser.parse_args()

    bench.configure(args.db, "redis://127.0.0.1:6379/15")
    try:
        world = bench.setup_django()
        from django.core.handlers.wsgi import WSGIHandler

        handler = WSGIHandler()
        body = json.dumps(bench.counter_body(world)).encode()
        cookies = bench.officer_cookies(world.officer)
        environ = {
            "REQUEST_METHOD": "POST",
            "PATH_INFO": PATHS["api"],
            "SCRIPT_NAME": "",
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "80",
            "REMOTE_ADDR": "127.0.0.1",
            "HTTP_HOST": "127.0.0.1",
            "wsgi.url_scheme": "http",
            "CONTENT_TYPE": "application/json",
            "CONTENT_LENGTH": str(len(body)),
            "HTTP_COOKIE": cookies["Cookie"],
            "HTTP_X_CSRFTOKEN": cookies["X-CSRFToken"],
        }

        def receive(path: str = PATHS["api"]) -> None:
            statuses = []
            answer = handler(
                {**environ, "PATH_INFO": path, "wsgi.input": io.BytesIO(body)},
                lambda s, h, e=None: statuses.append(s),
            )
            b"".join(answer)
            answer.close()
            if not statuses[0].startswith("201"):
                raise RuntimeError(f"reception refused: {statuses[0]}")

        from minimal_endpoints import capture_floor

        capture_floor(receive)
        path = PATHS[args.endpoint]
        for _ in range(30):
            receive(path)
        control = ["callgrind_control", "-i"]
        pid = str(os.getpid())
        subprocess.run([*control, "on", pid], check=True, capture_output=True)
        for _ in range(args.n):
            receive(path)
        subprocess.run([*control, "off", pid], check=True, capture_output=True)
        print(f"{args.n} requests to {path} counted", flush=True)
        from django.db import connection

        connection.close()
    finally:
        bench.drop_database(args.db)
    return 0


if __name__ == "__main__":
    sys.exit(main())
