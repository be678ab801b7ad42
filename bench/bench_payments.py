"""Benchmark of online payment confirmation: what one webhook costs, first and repeated.

    .venv/bin/python bench/bench_payments.py --db sqlite --n 300
    .venv/bin/python bench/bench_payments.py --db postgres --n 300

For --n online dossiers with a 100,000 đ fee: start a payment (services.start_payment), then deliver
the gateway's signed IPN through Django's test client (GET /thanh-toan/ipn/vnpay/: signature check, row
lock, record_payment with its tracking line and outbox event), then the same IPN again (a duplicate:
logged only). Prints p50/p95 wall milliseconds of each. No gateway process: the IPN is signed here with
the same key the plugin verifies. Throwaway database: a SQLite file under /tmp or PostgreSQL database
motcua_bench_payments (dropped and created by this script).
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SQLITE_PATH = Path("/tmp/motcua-bench-payments.sqlite3")
PG_ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"
PG_NAME = "motcua_bench_payments"


def configure(db: str) -> None:
    if db == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(f"{SQLITE_PATH}{suffix}").unlink(missing_ok=True)
        url = f"sqlite:///{SQLITE_PATH}"
    else:
        import psycopg

        with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {PG_NAME}")
            admin.execute(f"CREATE DATABASE {PG_NAME}")
        url = f"postgres://postgres@127.0.0.1:5432/{PG_NAME}"
    os.environ.update(
        DJANGO_SETTINGS_MODULE="motcua.settings",
        MOTCUA_INSECURE_DEV_KEY="1",
        DEBUG="0",
        ALLOWED_HOSTS="testserver",
        DATABASE_URL=url,
        LOG_LEVEL="WARNING",
        MOTCUA_VNPAY_TMN_CODE="BENCH",
        MOTCUA_VNPAY_HASH_SECRET="bench-secret",
        MOTCUA_VNPAY_PAY_URL="http://127.0.0.1:9/paymentv2/vpcpay.html",
        MOTCUA_VNPAY_API_URL="http://127.0.0.1:9/merchant_webapi/api/transaction",
    )
    sys.path.insert(0, str(ROOT))


def pct(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))] * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--n", type=int, default=300)
    args = parser.parse_args()
    configure(args.db)
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    call_command("migrate", verbosity=0)
    from tests.dossiers.factories import World, person

    from motcua.dossiers import services as dossier_services
    from motcua.org.services import ensure_roles
    from motcua.payments import services, signing

    ensure_roles()
    world = World()
    proc = world.licence
    client = Client()
    first, again = [], []
    for _ in range(args.n):
        dossier = dossier_services.submit_online(
            user=world.citizen,
            procedure=proc,
            province=world.province,
            case=world.case(proc, 0),
            provided=world.documents(proc, 0),
            applicant=person(),
        )
        txn, _info = services.start_payment(dossier, user=world.citizen, return_url="http://testserver/")
        params = {
            "vnp_TmnCode": "BENCH",
            "vnp_Amount": str(txn.amount * 100),
            "vnp_BankCode": "NCB",
            "vnp_ResponseCode": "00",
            "vnp_TransactionStatus": "00",
            "vnp_TransactionNo": str(txn.pk),
            "vnp_TxnRef": txn.reference,
        }
        params["vnp_SecureHash"] = signing.sign_query(params, "bench-secret")
        for bucket, expected in ((first, "00"), (again, "02")):
            started = time.perf_counter()
            answer = client.get("/thanh-toan/ipn/vnpay/", params).json()
            bucket.append(time.perf_counter() - started)
            assert answer["RspCode"] == expected, answer
    print(f"{args.db}, n={args.n}")
    for name, values in (("first IPN (settles)", first), ("repeated IPN (duplicate)", again)):
        print(
            f"  {name:26s} p50 {pct(values, 0.5):6.1f} ms  p95 {pct(values, 0.95):6.1f} ms"
            f"  mean {statistics.mean(values) * 1000:6.1f} ms"
        )


if __name__ == "__main__":
    main()
