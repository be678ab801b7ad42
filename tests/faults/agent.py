"""The fault drills' hands inside the database, run as a separate process against the private cluster:

    python -m tests.faults.agent seed '{"counter": 8, "supplement": 4, "payments": 4}'   # prints JSON
    python -m tests.faults.agent state                                                    # prints JSON

`seed` builds the dossiers tests' small Hà Nội (tests.dossiers.factories.World) and what the clients
need: signed-in sessions of a reception officer and a citizen, the counter form, dossiers waiting for a
supplement, online dossiers with a pending VNPAY payment and their signed IPN queries.
`state` reads back what the drills check: every dossier whole, every file a row and every row a file
(by SHA-256), an outbox event and an audit row for every version, payments settled once.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections import Counter
from pathlib import Path

import django

IPN_SECRET = "faults-secret-0123456789abcdef"  # noqa: S105 - the drills' own gateway key
TMN_CODE = "MOTCUAFAULTS"


def setup():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")
    django.setup()


def session_of(user, *, verified: bool) -> str:
    from django.test import Client

    client = Client()
    if verified:
        from tests.twofactor import verified_login

        verified_login(client, user)
    else:
        client.force_login(user)
    return client.cookies["sessionid"].value


def seed(plan: dict) -> dict:
    from django.urls import reverse

    from motcua.dossiers import services as dossier_services
    from motcua.org.services import ensure_roles
    from motcua.payments import signing
    from motcua.payments.services import start_payment
    from tests.dossiers.factories import World, person
    from tests.portal.citizen.steps import online, supplement_requested

    ensure_roles()
    world = World()
    birth = world.birth
    case = world.case(birth, 0)
    form = {
        "procedure": birth.code,
        "case": case.pk,
        "place": world.point_ba_dinh.pk,
        "channel": "counter",
        "applicant_birth_date": "1990-05-17",
        "applicant_sex": "male",
        "applicant_phone": "0912345678",
        "applicant_address": "Thôn Đông",
        "commune": "00376",
        "outcome": "receive",
    }
    documents = list(world.documents(birth, 0))
    for doc in documents:
        form[f"doc_{doc}"] = "on"
    waiting = [supplement_requested(world, online(world)) for _ in range(plan.get("supplement", 0))]
    ipns = []
    for _ in range(plan.get("payments", 0)):
        dossier = dossier_services.submit_online(
            user=world.citizen,
            procedure=world.licence,
            province=world.province,
            case=world.case(world.licence, 0),
            provided=world.documents(world.licence, 0),
            applicant=person(),
        )
        txn, _info = start_payment(dossier, user=world.citizen, return_url="http://127.0.0.1/back/")
        params = {
            "vnp_TmnCode": TMN_CODE,
            "vnp_Amount": str(txn.amount * 100),
            "vnp_BankCode": "NCB",
            "vnp_ResponseCode": "00",
            "vnp_TransactionStatus": "00",
            "vnp_TransactionNo": f"9{txn.pk:07d}",
            "vnp_TxnRef": txn.reference,
            "vnp_PayDate": "20260302090000",
        }
        ipns.append({**params, "vnp_SecureHash": signing.sign_query(params, IPN_SECRET)})
    return {
        "officer": session_of(world.officer, verified=True),
        "citizen": session_of(world.citizen, verified=False),
        "reception_url": reverse("workspace:receive"),
        "counter_form": form,
        "scan_field": f"file_{documents[0]}",
        "supplements": [
            {"url": f"/ho-so-cua-toi/{d.code}/bo-sung/", "code": d.code, "version": d.version}
            for d in waiting
        ],
        "ipns": ipns,
    }


def state() -> dict:
    from django.conf import settings

    from motcua.documents import files
    from motcua.documents.models import Document, DossierDocument
    from motcua.dossiers.models import Applicant, Dossier, OutboxMessage, TrackingEntry
    from motcua.payments.models import PaymentTransaction

    problems: list[str] = []
    removed = files.sweep(older_than=__import__("datetime").timedelta(0))  # what a kill left behind
    root = Path(settings.MEDIA_ROOT)
    on_disk = {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()} if root.exists() else set()
    rows = dict(Document.objects.values_list("storage_name", "sha256"))
    for name in sorted(set(rows) - on_disk):
        problems.append(f"row without file: {name}")
    for name in sorted(on_disk - set(rows)):
        problems.append(f"orphan file: {name}")
    for name in sorted(set(rows) & on_disk):
        if hashlib.sha256((root / name).read_bytes()).hexdigest() != rows[name]:
            problems.append(f"file changed: {name}")
    applicants = Counter(Applicant.objects.values_list("dossier_id", flat=True))
    audit = Counter(TrackingEntry.objects.values_list("dossier_id", flat=True))
    events: dict[str, set] = {}
    for key, version in OutboxMessage.objects.filter(aggregate="dossier").values_list(
        "aggregate_id", "version"
    ):
        events.setdefault(key, set()).add(version)
    links = Counter(DossierDocument.objects.values_list("dossier_id", flat=True))
    dossiers = list(Dossier.objects.values_list("pk", "code", "version", "status", "channel"))
    for pk, code, version, _status, _channel in dossiers:
        if applicants[pk] != 1:
            problems.append(f"{code}: {applicants[pk]} applicants")
        if not audit[pk]:
            problems.append(f"{code}: no audit row")
        if events.get(code, set()) != set(range(1, version + 1)):
            problems.append(
                f"{code}: outbox versions {sorted(events.get(code, set()))} for version {version}"
            )
    paid = Counter()
    for _ref, status in PaymentTransaction.objects.values_list("reference", "status"):
        paid[status] += 1
    payment_events = Counter(
        OutboxMessage.objects.filter(topic__startswith="payment.").values_list("topic", flat=True)
    )
    return {
        "problems": problems,
        "swept": removed,
        "dossiers": len(dossiers),
        "statuses": dict(Counter(s for *_x, s, _c in dossiers)),
        "counter_dossiers": sum(1 for *_x, c in dossiers if c == "counter"),
        "documents": len(rows),
        "links": sum(links.values()),
        "links_by_dossier": {code: links[pk] for pk, code, *_x in dossiers},
        "status_by_dossier": {code: status for _pk, code, _v, status, _c in dossiers},
        "transactions": dict(paid),
        "payment_events": dict(payment_events),
        "outbox": OutboxMessage.objects.count(),
        "audit": TrackingEntry.objects.count(),
        "files": {name: rows[name] for name in sorted(rows)},
    }


def main() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    setup()
    if sys.argv[1] == "seed":
        from django.db import transaction

        with transaction.atomic():
            out = seed(json.loads(sys.argv[2]))
    else:
        out = state()
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
