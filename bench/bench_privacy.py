"""Side-by-side cost of the personal-data read log (ADR 0053) on the officer's dossier page and API.

    .venv/bin/python bench/bench_privacy.py [--repeat 300] [--json /tmp/bench-privacy.json]

A throwaway PostgreSQL database (motcua_personaldata_bench, dropped and migrated here) holds the tests'
small Hà Nội world (tests/dossiers/factories.World) and one received dossier. Django's test
client in this process (DEBUG off, a signed-in reception officer past the second factor) requests, in
interleaved rounds so that the machine's load falls on every variant alike:

- page: the dossier page, ID number masked (no read, no insert);
- reveal: "Hiện số định danh" (POST; the page with the full number, one read row inserted);
- api: the dossier API's detail, masked;
- api+reveal: the same with ?reveal=id_number (one read row inserted);
- api+reveal, log off: the same with MOTCUA_READ_LOG_MODEL="" (the full number, nothing inserted).

The figures are p50/p95 in ms per variant and the ratio api+reveal / (api+reveal, log off): the price of
one audit INSERT on a read. Also the bare `readlog.record` call, timed alone.
"""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "src")]
PG_ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"
PG_NAME = "motcua_personaldata_bench"


def configure() -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {PG_NAME} WITH (FORCE)")
        admin.execute(f"CREATE DATABASE {PG_NAME}")
    os.environ.update(
        DJANGO_SETTINGS_MODULE="motcua.settings",
        MOTCUA_INSECURE_DEV_KEY="1",
        DEBUG="0",
        ALLOWED_HOSTS="testserver",
        DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{PG_NAME}",
        LOG_LEVEL="WARNING",
        SECURE_COOKIES="0",
    )
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.STORAGES = {  # no manifest to build: the pages' static links are not what is measured
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }

    call_command("migrate", verbosity=0)


def world():
    from django.db import transaction
    from tests.dossiers.conftest import receive
    from tests.dossiers.factories import World, person

    from motcua.org.services import ensure_roles

    with transaction.atomic():
        ensure_roles()
        built = World()
        dossier = receive(
            built, applicant=person(full_name="Lê Văn Đức", id_number="001095000123", birth_date="1995-01-02")
        )
    return built, dossier


def _ms(seconds: list[float]) -> dict:
    ordered = sorted(seconds)
    return {
        "p50_ms": round(statistics.median(ordered) * 1000, 2),
        "p95_ms": round(ordered[int(len(ordered) * 0.95) - 1] * 1000, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=300)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    configure()
    from django.test import Client, override_settings
    from rest_framework.test import APIClient
    from tests.twofactor import verified_login

    from motcua.core import readlog
    from motcua.privacy.models import PersonalDataRead

    built, dossier = world()
    page = verified_login(Client(), built.officer)
    api = APIClient()
    api.force_authenticate(built.officer)
    detail = f"/api/v1/dossiers/{dossier.code}"
    variants = {
        "page": lambda: page.get(f"/can-bo/ho-so/{dossier.code}/"),
        "reveal": lambda: page.post(f"/can-bo/du-lieu-ca-nhan/ho-so/{dossier.code}/so-dinh-danh/"),
        "api": lambda: api.get(detail),
        "api+reveal": lambda: api.get(detail + "?reveal=id_number"),
    }

    def log_off():
        with override_settings(MOTCUA_READ_LOG_MODEL=""):
            return api.get(detail + "?reveal=id_number")

    variants["api+reveal, log off"] = log_off
    for run in variants.values():  # warm-up, and every variant answers 200
        assert run().status_code == 200
    times: dict[str, list[float]] = {name: [] for name in variants}
    for _round in range(args.repeat):
        for name, run in variants.items():
            start = time.perf_counter()
            run()
            times[name].append(time.perf_counter() - start)
    bare = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        readlog.record(built.officer, id_number="001095000123", field=readlog.ID_NUMBER, dossier=dossier)
        bare.append(time.perf_counter() - start)
    result = {name: _ms(values) for name, values in times.items()}
    result["readlog.record alone"] = _ms(bare)
    on, off = result["api+reveal"]["p50_ms"], result["api+reveal, log off"]["p50_ms"]
    result["ratio api+reveal / log off (p50)"] = round(on / off, 3)
    result["reads written"] = PersonalDataRead.objects.count()
    result["load average"] = os.getloadavg()
    print(json.dumps(result, indent=2, ensure_ascii=False))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
