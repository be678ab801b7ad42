"""Faults survived (ADR 0054): a real gunicorn (deploy/gunicorn.conf.py) on a private PostgreSQL cluster
that the drills stop, restart and whose workers they kill -9 while several clients send receptions with
scans, supplements with uploads and payment confirmations (IPN). Afterwards nothing is half-written:
every dossier whole with its audit rows and one outbox event per version, every file a row and every
row its file (SHA-256), each Idempotency-Key one dossier; the outage answers 503 with Retry-After, never
a 500 nor a debug page. Then a backup (deploy/backup.sh) restored into a fresh database and folder holds
the same dossiers, audit rows, outbox events and files.

One lean run per scenario on one seeded database (the heavier drill: bench/drill_faults.py). The shared
PostgreSQL is never touched; the module needs PostgreSQL's server binaries, whatever DATABASE_URL says.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.documents import samples

from . import harness as h

pytestmark = [
    pytest.mark.skipif(
        h.postgres_bin() is None,
        reason="PostgreSQL's server binaries (/usr/lib/postgresql/*/bin/pg_ctl) are not installed: the fault "
        "drills need a private cluster of their own to stop and restart",
    ),
    # The drills bring their own cluster whatever the suite's database is: one pass of the suite runs them.
    pytest.mark.skipif(
        os.environ.get("DATABASE_URL", "").startswith("postgres")
        and not os.environ.get("MOTCUA_FAULT_DRILLS"),
        reason="the fault drills use a private PostgreSQL cluster, not the suite's database; they run in the "
        "SQLite pass (`make test`), or here with MOTCUA_FAULT_DRILLS=1",
    ),
]

PDF = samples.pdf()
CLIENTS = 4


@pytest.fixture(scope="module")
def drill():
    cluster = h.Cluster(h.free_port(18810, 18840))
    home = Path(tempfile.mkdtemp(prefix="motcua-faults-"))
    server = None
    try:
        cluster.start()
        cluster.create("drill")
        env = h.environment(cluster.url("drill"), home)
        h.motcua(env, "migrate", "--no-input", "-v0")
        seed = h.agent(env, "seed", json.dumps({"supplement": 6, "payments": 6}))
        server = h.Server(env, h.free_port(18840, 18899), workers=2, threads=2).start()
        yield SimpleNamespace(cluster=cluster, env=env, home=home, server=server, seed=seed, port=server.port,
                              counter_codes=set())  # fmt: skip
    finally:
        if server is not None:
            server.stop()
        cluster.destroy()
        shutil.rmtree(home, ignore_errors=True)


def reception(drill, key):
    fields = {**drill.seed["counter_form"], "applicant_name": "Nguyễn Văn An", "applicant_id": "001090012345"}
    files = {drill.seed["scan_field"]: ("to-khai.pdf", PDF, "application/pdf")}
    url = drill.seed["reception_url"]
    return h.post_form(drill.port, url, drill.seed["officer"], {**fields, "idempotency_key": key}, files)


def received_code(answer) -> str:
    status, headers, _body, _attempt = answer
    assert status == 302, answer
    return headers["Location"].split("/can-bo/ho-so/")[1].split("/")[0]


def kill_until_cut(drill, tally, results, jobs, *, kills=2, most=8):
    """kill -9 a worker `kills` times, and more (up to `most`) until one cut a request in flight."""

    def during():
        for n in range(most):
            if len(results) >= len(jobs) or (n >= kills and tally.cut):
                return
            h.until(lambda n=n: tally.requests > 2 + 3 * n, timeout=20, step=0.01)
            old = set(drill.server.workers())
            drill.server.kill_worker()
            h.until(lambda old=old: len(set(drill.server.workers()) - old) >= 1, timeout=20)

    return during


def state(drill) -> dict:
    out = h.agent(drill.env, "state")
    assert out["problems"] == []
    return out


def test_a_database_outage_answers_503_with_retry_after_never_a_500_or_a_debug_page(drill):
    officer = {"Cookie": f"sessionid={drill.seed['officer']}"}
    assert h.request(drill.port, "GET", "/api/v1/dossiers", headers=officer)[0] == 200
    # CONN_HEALTH_CHECKS: after a restart every kept connection is found dead and replaced, unseen.
    drill.cluster.restart()
    assert [h.request(drill.port, "GET", "/api/v1/dossiers", headers=officer)[0] for _ in range(8)] == [
        200
    ] * 8

    drill.cluster.stop()
    try:
        status, headers, body = h.request(drill.port, "GET", "/api/v1/dossiers", headers=officer)
        assert (status, headers["Content-Type"], headers["Retry-After"]) == (
            503,
            "application/problem+json",
            "1",
        )
        assert json.loads(body)["code"] == "service_unavailable"
        status, headers, body = h.request(drill.port, "GET", "/ho-so-cua-toi/", headers=officer)
        page = body.decode()
        assert (
            status == 503
            and headers["Retry-After"] == "1"
            and headers["Content-Type"].startswith("text/html")
        )
        assert "Hệ thống tạm thời gián đoạn" in page and "không có gì bị ghi dở" in page
        assert "Traceback" not in page and "OperationalError" not in page
        status, headers, _body = reception(drill, "outage-1")
        assert status == 503 and headers["Retry-After"] == "1"
        assert h.request(drill.port, "GET", "/healthz")[0] == 503
    finally:
        drill.cluster.start()
    assert h.request(drill.port, "GET", "/api/v1/dossiers", headers=officer)[0] == 200
    code = received_code((*reception(drill, "outage-1"), 0))  # sent again: received once, now
    drill.counter_codes.add(code)
    assert state(drill)["links_by_dossier"][code] == 1


def test_kill_9_during_counter_receptions_with_scans(drill):
    keys = [f"kill-counter-{n}" for n in range(12)]
    tally, results = h.Tally(), {}
    during = kill_until_cut(drill, tally, results, keys)
    results.update(
        h.drive(keys, lambda key, _a: reception(drill, key), clients=CLIENTS, tally=tally, during=during)
    )
    assert tally.cut >= 1 and tally.server_errors == 0, (tally.cut, tally.statuses)
    codes = [received_code(results[i]) for i in range(len(keys))]
    assert len(set(codes)) == len(keys)  # one dossier per key, whatever was cut and sent again
    again = [received_code((*reception(drill, key), 0)) for key in keys[:4]]
    assert again == codes[:4]  # the same key again: the same dossier, exactly
    drill.counter_codes.update(codes)
    after = state(drill)
    assert after["counter_dossiers"] == len(drill.counter_codes)
    assert all(after["links_by_dossier"][code] == 1 for code in codes)  # each with its one scan


def test_kill_9_during_supplements_with_uploads(drill):
    targets = drill.seed["supplements"]
    files = {
        "item-0": ("chung-thuc.pdf", PDF, "application/pdf"),
        "item-1": ("to-khai.pdf", PDF, "application/pdf"),
    }

    def send(target, _attempt):
        return h.post_form(
            drill.port, target["url"], drill.seed["citizen"], {"version": target["version"]}, files
        )

    tally, results = h.Tally(), {}
    during = kill_until_cut(drill, tally, results, targets, kills=1)
    results.update(h.drive(targets, send, clients=CLIENTS, tally=tally, during=during))
    assert tally.server_errors == 0 and tally.cut >= 1, (tally.cut, tally.statuses)
    for index, _target in enumerate(targets):
        status, _headers, body, attempt = results[index]
        # received; or, sent again after a cut, "already updated": the first one had been committed
        assert status == 302 or (
            status == 400 and attempt and "Hồ sơ vừa được cán bộ cập nhật." in body.decode()
        )
    after = state(drill)
    for target in targets:
        assert after["status_by_dossier"][target["code"]] == "in_progress"
        assert after["links_by_dossier"][target["code"]] == 2  # both files, once


def test_kill_9_during_payment_confirmations(drill):
    ipns = drill.seed["ipns"] * 3  # the gateway repeats its IPN until it hears back: 3 copies of each
    tally, results = h.Tally(), {}
    during = kill_until_cut(drill, tally, results, ipns, kills=2)
    results.update(h.drive(ipns, lambda ipn, _a: h.get_ipn(drill.port, ipn), clients=CLIENTS, tally=tally,
                           during=during))  # fmt: skip
    assert tally.server_errors == 0, tally.statuses
    answers = [json.loads(results[i][2])["RspCode"] for i in range(len(ipns))]
    # "00" once per payment, or "02" to every copy of one whose "00" a kill cut off after the commit
    assert set(answers) <= {"00", "02"} and answers.count("00") <= len(drill.seed["ipns"]), answers
    assert {json.loads(h.get_ipn(drill.port, ipn)[2])["RspCode"] for ipn in drill.seed["ipns"]} == {"02"}
    after = state(drill)
    assert after["transactions"] == {"paid": len(drill.seed["ipns"])}
    assert after["payment_events"]["payment.paid"] == len(
        drill.seed["ipns"]
    )  # one event each: none lost, none twice


def test_a_postgresql_restart_mid_load_gives_503s_then_a_consistent_state(drill):
    keys = [f"restart-{n}" for n in range(12)]
    tally, results = h.Tally(), {}

    def during():
        h.until(lambda: len(results) >= 0 and tally.requests >= 4, timeout=20, step=0.01)
        drill.cluster.stop()
        time.sleep(1.0)  # clients keep sending meanwhile
        drill.cluster.start()

    results.update(
        h.drive(keys, lambda key, _a: reception(drill, key), clients=CLIENTS, tally=tally, during=during)
    )
    assert tally.statuses[503] >= 1 and tally.server_errors == 0, tally.statuses
    codes = [received_code(results[i]) for i in range(len(keys))]
    assert len(set(codes)) == len(keys)
    drill.counter_codes.update(codes)
    after = state(drill)
    assert after["counter_dossiers"] == len(drill.counter_codes)
    assert all(after["links_by_dossier"][code] == 1 for code in codes)


def test_a_backup_restored_into_a_fresh_database_and_folder_holds_everything(drill, tmp_path):
    before = state(drill)
    assert before["dossiers"] and before["documents"] and before["outbox"] and before["audit"]
    tools = {"PATH": f"{h.postgres_bin()}{os.pathsep}{os.environ['PATH']}"}
    env = {**drill.env, **tools}
    backup = tmp_path / "backup"
    subprocess.run([h.ROOT / "deploy" / "backup.sh", backup], env=env, check=True, capture_output=True)
    drill.cluster.create("restored", template="template0")
    fresh = tmp_path / "fresh-home"
    restored = {
        **h.environment(drill.cluster.url("restored"), fresh),
        **tools,
        "MOTCUA_BIN": f"{h.PYTHON} -m motcua",
    }
    done = subprocess.run(
        [h.ROOT / "deploy" / "restore.sh", backup], env=restored, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr[-2000:]
    after = h.agent(restored, "state")
    assert after["problems"] == []
    for key in ("dossiers", "status_by_dossier", "links_by_dossier", "transactions", "payment_events", "outbox",
                "audit", "files"):  # fmt: skip
        assert after[key] == before[key], key
