"""The fault drill, heavier than tests/faults: more kills, more clients, a whole-server kill, PostgreSQL
restarted twice under load; then the same consistency checks (ADR 0054). Prints a Markdown table.

    .venv/bin/python bench/drill_faults.py                              # 8 clients, 6 kills a phase
    .venv/bin/python bench/drill_faults.py --clients 4 --kills 3 --receptions 40

A private PostgreSQL cluster (port 18810-18839) and gunicorn (18840-18899) of its own; the shared
PostgreSQL is never touched.
"""

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.documents import samples  # noqa: E402
from tests.faults import harness as h  # noqa: E402

PDF = samples.pdf()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--kills", type=int, default=6)
    parser.add_argument("--receptions", type=int, default=80)
    parser.add_argument("--supplements", type=int, default=24)
    parser.add_argument("--payments", type=int, default=24)
    args = parser.parse_args()
    if h.postgres_bin() is None:
        sys.exit("PostgreSQL's server binaries are not installed")
    cluster = h.Cluster(h.free_port(18810, 18840))
    home = Path(tempfile.mkdtemp(prefix="motcua-drill-"))
    server = None
    rows = []
    try:
        cluster.start()
        cluster.create("drill")
        env = h.environment(cluster.url("drill"), home)
        h.motcua(env, "migrate", "--no-input", "-v0")
        plan = {"supplement": args.supplements, "payments": args.payments}
        seed = h.agent(env, "seed", json.dumps(plan))
        server = h.Server(env, h.free_port(18840, 18899), workers=3, threads=2).start()
        port = server.port

        def reception(key, _attempt):
            fields = {**seed["counter_form"], "applicant_name": "Nguyễn Văn An", "applicant_id": "001090012345",
                      "idempotency_key": key}  # fmt: skip
            files = {seed["scan_field"]: ("to-khai.pdf", PDF, "application/pdf")}
            return h.post_form(port, seed["reception_url"], seed["officer"], fields, files)

        def supplement(target, _attempt):
            files = {"item-0": ("a.pdf", PDF, "application/pdf"), "item-1": ("b.pdf", PDF, "application/pdf")}
            return h.post_form(port, target["url"], seed["citizen"], {"version": target["version"]}, files)

        def ipn(params, _attempt):
            return h.get_ipn(port, params)

        def kills(tally, results, jobs, whole_server=False):
            def during():
                for n in range(args.kills):
                    if len(results) >= len(jobs):
                        return
                    h.until(
                        lambda n=n: tally.requests > 2 + len(jobs) * n // (args.kills + 1),
                        timeout=60,
                        step=0.01,
                    )
                    if whole_server and n == args.kills // 2:
                        server.kill()  # the master and its workers at once; a new server after 1 s
                        time.sleep(1)
                        server.start()
                        continue
                    old = set(server.workers())
                    server.kill_worker()
                    h.until(lambda old=old: len(set(server.workers()) - old) >= 1, timeout=30)

            return during

        def restarts(tally, results, jobs):
            def during():
                for n in (1, 2):
                    h.until(lambda n=n: tally.requests > len(jobs) * n // 3, timeout=60, step=0.01)
                    cluster.stop()
                    time.sleep(2)
                    cluster.start()

            return during

        phases = [
            ("counter receptions with a scan, kill -9 (one of the master too)",
             [f"drill-{n}" for n in range(args.receptions)], reception, "kill", True),
            ("citizen supplements with 2 uploads, kill -9", seed["supplements"], supplement, "kill", False),
            ("IPN payment confirmations (each sent 3 times), kill -9", seed["ipns"] * 3, ipn, "kill", False),
            ("counter receptions, PostgreSQL restarted twice",
             [f"restart-{n}" for n in range(args.receptions)], reception, "restart", False),
        ]  # fmt: skip
        for name, jobs, send, fault, whole in phases:
            tally, results = h.Tally(), {}
            kills_before = server.kills
            during = kills(tally, results, jobs, whole) if fault == "kill" else restarts(tally, results, jobs)
            started = time.perf_counter()
            results.update(h.drive(jobs, send, clients=args.clients, tally=tally, during=during, give_up=600))
            seconds = time.perf_counter() - started
            unfinished = len(jobs) - len(results)
            rows.append((name, len(jobs), server.kills - kills_before if fault == "kill" else 2, tally.requests,
                         tally.cut, tally.statuses.get(503, 0), tally.server_errors, unfinished, seconds))  # fmt: skip
        state = h.agent(env, "state")
        replays = [reception(f"drill-{n}", 0)[1].get("Location") for n in range(5)]
        again = [reception(f"drill-{n}", 0)[1].get("Location") for n in range(5)]
        inconsistencies = list(state["problems"])
        if replays != again:
            inconsistencies.append("a retry answered another dossier")
        if state["transactions"] != {"paid": args.payments}:
            inconsistencies.append(f"payments {state['transactions']}")
        if state["payment_events"].get("payment.paid") != args.payments:
            inconsistencies.append(f"payment.paid events {state['payment_events']}")
        supplemented = [t["code"] for t in seed["supplements"]]
        if any(
            state["links_by_dossier"][c] != 2 or state["status_by_dossier"][c] != "in_progress"
            for c in supplemented
        ):
            inconsistencies.append("a supplement half-applied or applied twice")
        if state["counter_dossiers"] != 2 * args.receptions:
            inconsistencies.append(
                f"{state['counter_dossiers']} counter dossiers for {2 * args.receptions} keys"
            )
        print(f"clients {args.clients}, gunicorn 3 workers × 2 threads, private PostgreSQL; "
              f"{state['dossiers']} dossiers, {state['documents']} files, {state['outbox']} outbox events, "
              f"{len(state['swept'])} orphan files swept\n")  # fmt: skip
        print("| phase | jobs | kills / restarts | requests | cut | 503 | 5xx other | unfinished | s |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
        for row in rows:
            print("| " + " | ".join(str(round(x, 1)) if isinstance(x, float) else str(x) for x in row) + " |")
        print(f"\ninconsistencies found: {len(inconsistencies)}")
        for line in inconsistencies:
            print(f"- {line}")
    finally:
        if server is not None:
            server.stop()
        cluster.destroy()
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
