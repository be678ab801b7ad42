"""The privacy app's writes (ADR 0053): the export of one person's data, the pseudonymisation of the
people on dossiers that ended before the retention limit. Each is audited: a PrivacyEvent row and an
outbox event, written together by the kernel."""

from __future__ import annotations

import io
import json
import logging
import re
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.core import kernel, readlog
from motcua.core.errors import DomainError
from motcua.core.fast import rows
from motcua.documents import selectors as documents
from motcua.dossiers import lifecycle
from motcua.dossiers.models import Applicant, Dossier, Submitter

from . import events, person
from .models import PrivacyAction, PrivacyEvent

log = logging.getLogger(__name__)

PSEUDONYM = "Đã khử nhận dạng"  # the name left on a pseudonymised dossier (statistics keep the rest)
ENDED = [s for s, info in lifecycle.STATES.items() if info.terminal]
_ID = re.compile(r"^[0-9]{12}$")


class InvalidIdNumber(DomainError):
    code = "privacy.invalid_id_number"
    http_status = 400


def check_id_number(id_number: str) -> str:
    number = (id_number or "").strip()
    if not _ID.match(number):
        raise InvalidIdNumber(_("Số định danh cá nhân phải gồm đúng 12 chữ số."))
    return number


def _actor_name(actor) -> str:
    return actor.get_username() if getattr(actor, "is_authenticated", False) else "cli"


def _audit(action: str, *, actor, subject: str = "", count: int, detail: dict, topic, payload: dict):
    at = timezone.now()
    user = actor if getattr(actor, "is_authenticated", False) else None
    with transaction.atomic():
        event = PrivacyEvent(
            at=at,
            action=action,
            actor=user,
            actor_name=_actor_name(actor),
            subject_key=subject,
            count=count,
            detail=detail,
        )
        event.save()
        payload = {**payload, "at": kernel.iso(at)}
        kernel.emit(topic.name, aggregate_id=event.pk, version=None, occurred_at=at, payload=payload)
    return event


# ---- reads ------------------------------------------------------------------------------------------------


def record_reveal(actor, dossier, numbers: list[str], *, request=None) -> None:
    """The reads of a dossier's ID numbers shown at once: one multi-row INSERT (core/fast/rows.py)."""
    with transaction.atomic(), rows.deferred():
        for number in numbers:
            readlog.record(actor, id_number=number, field=readlog.ID_NUMBER, dossier=dossier, request=request)


# ---- export -----------------------------------------------------------------------------------------------


def _safe(name: str) -> str:
    return re.sub(r"[^0-9A-Za-z._-]+", "_", name)[:80] or "tep"


def export_person(id_number: str, *, actor, source: str = "") -> tuple[bytes, bytes]:
    """(the JSON of everything held about the person, a zip of that JSON and their stored documents).
    Logged as a read of the person's data and audited as an export."""
    number = check_id_number(id_number)
    data, stored = person.collect(number)
    data["exported_at"] = timezone.localtime().isoformat()
    body = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True).encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("du-lieu-ca-nhan.json", body)
        for doc in stored:
            try:
                content = documents.read_content(doc)
            except DomainError as exc:  # a missing or altered file is reported, never silently dropped
                archive.writestr(f"giay-to/{doc.pk}-LOI.txt", exc.message)
                continue
            archive.writestr(f"giay-to/{doc.pk}-{_safe(doc.original_filename or doc.name)}", content)
    records = person.count(data)
    readlog.record(actor, id_number=number, field=readlog.EXPORT, source=source or "export")
    _audit(
        PrivacyAction.EXPORTED,
        actor=actor,
        subject=readlog.subject_key(number),
        count=records,
        detail={"records": records, "documents": len(stored)},
        topic=events.EXPORTED,
        payload={"records": records},
    )
    return body, buffer.getvalue()


# ---- retention --------------------------------------------------------------------------------------------


def retention_days() -> int:
    return int(getattr(settings, "MOTCUA_PERSONAL_DATA_RETENTION_DAYS", 3653))


def cutoff(now: datetime | None = None, days: int | None = None) -> datetime:
    return (now or timezone.now()) - timedelta(days=retention_days() if days is None else days)


def due_for_pseudonymisation(before: datetime):
    """Ended dossiers (a terminal status, finished before `before`) whose people still carry their data."""
    return (
        Dossier.objects.filter(status__in=ENDED, finished_at__lt=before, applicant__isnull=False)
        .exclude(applicant__full_name=PSEUDONYM)
        .order_by("finished_at", "pk")
    )


@dataclass
class Pseudonymised:
    dossiers: int = 0
    batches: int = 0


def _person_blank(model, ids: list[int], *extra: str) -> None:
    """Name, ID number, phone, e-mail, address of the people on dossiers `ids` removed; the birth date
    kept to its year, sex and commune kept (the statistics by age, sex and place stay true)."""
    blank = {"full_name": PSEUDONYM, "id_number": "", "phone": "", "email": "", "address": ""}
    blank |= {name: "" for name in extra}
    people = model.objects.filter(dossier_id__in=ids)
    years = people.exclude(birth_date=None).values_list("birth_date__year", flat=True).distinct()
    for year in sorted(set(years)):
        people.filter(birth_date__year=year).update(birth_date=date(year, 1, 1))
    people.update(**blank)


def pseudonymise(
    *, before: datetime | None = None, batch_size: int | None = None, actor=None
) -> Pseudonymised:
    """Pseudonymise, in short transactions of `batch_size` dossiers, everyone on dossiers that ended
    before `before` (default: now minus MOTCUA_PERSONAL_DATA_RETENTION_DAYS). Each batch bumps the
    dossiers' versions and is audited (a PrivacyEvent and a `privacy.pseudonymised` event)."""
    before = before or cutoff()
    size = batch_size or int(getattr(settings, "MOTCUA_PSEUDONYMISE_BATCH", 500))
    done = Pseudonymised()
    while True:
        with transaction.atomic():
            ids = list(due_for_pseudonymisation(before).values_list("pk", flat=True)[:size])
            if not ids:
                break
            locked = Dossier.objects.filter(pk__in=ids)
            if connection.features.has_select_for_update:
                ids = list(locked.select_for_update(skip_locked=True).values_list("pk", flat=True))
                if not ids:  # all taken by a run in another process: it will do them
                    break
            _person_blank(
                Applicant, ids, "representative_name", "representative_title", "representative_id_number"
            )
            Applicant.objects.filter(dossier_id__in=ids, kind="person").update(tax_code="")
            _person_blank(Submitter, ids)
            Dossier.objects.filter(pk__in=ids).update(applicant_name_folded="", version=F("version") + 1)
            _audit(
                PrivacyAction.PSEUDONYMISED,
                actor=actor,
                count=len(ids),
                detail={"dossiers": len(ids), "ended_before": before.date().isoformat()},
                topic=events.PSEUDONYMISED,
                payload={"dossiers": len(ids), "ended_before": before.date().isoformat()},
            )
        done.dossiers += len(ids)
        done.batches += 1
    log.info("pseudonymised %s dossiers in %s batches", done.dossiers, done.batches)
    return done
