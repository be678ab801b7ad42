"""Everything motcua holds about one person, found by their ID number (a data subject's request: Law on
Personal Data Protection 2025; Decree 13/2023 Art. 14). Reads only; `services.export_person` writes the
file and the audit."""

from __future__ import annotations

import datetime as dt
import decimal
import uuid

from django.db.models import Model, Q

from motcua.accounts.models import CitizenProfile
from motcua.core import readlog
from motcua.documents.models import Document, DossierDocument
from motcua.dossiers.models import Applicant, Dossier, Submitter
from motcua.feedback.models import Feedback, Rating
from motcua.homeservice.models import HomeServiceRequest
from motcua.notifications.models import Delivery, InAppNotification, OptOut, Preference
from motcua.queueing.models import Ticket

from .models import PersonalDataRead

SKIP = {"password", "applicant_name_folded", "token", "token_hash"}  # secrets, search helpers


def _value(value):
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if hasattr(value, "name") and hasattr(value, "storage"):  # a FieldFile
        return value.name or ""
    return value


def row(obj: Model, *, skip: set[str] = frozenset()) -> dict:
    """A row as plain JSON values: every concrete field (foreign keys as their id)."""
    out = {}
    for field in obj._meta.concrete_fields:
        if field.name in SKIP or field.name in skip:
            continue
        out[field.attname] = _value(field.value_from_object(obj))
    return out


def _dossier_ids(id_number: str) -> tuple[set[int], set[int]]:
    as_applicant = set(
        Applicant.objects.filter(Q(id_number=id_number) | Q(representative_id_number=id_number)).values_list(
            "dossier_id", flat=True
        )
    )
    as_submitter = set(Submitter.objects.filter(id_number=id_number).values_list("dossier_id", flat=True))
    return as_applicant, as_submitter


def collect(id_number: str) -> tuple[dict, list[Document]]:
    """(the person's data as one JSON-able dict, their stored documents)."""
    as_applicant, as_submitter = _dossier_ids(id_number)
    ids = as_applicant | as_submitter
    dossiers = Dossier.objects.filter(pk__in=ids).select_related("procedure_version").order_by("pk")
    profiles = list(CitizenProfile.objects.filter(personal_id=id_number).select_related("user"))
    users = [p.user for p in profiles]
    contacts = _contacts(id_number, ids, profiles)
    linked = DossierDocument.objects.filter(dossier_id__in=as_applicant).values_list("document_id", flat=True)
    documents = list(
        Document.objects.filter(Q(owner_id_number=id_number) | Q(pk__in=list(linked))).order_by("pk")
    )
    data = {
        "id_number": id_number,
        "dossiers": [
            {
                **row(d),
                "procedure_name": d.procedure_version.name,
                "role": "applicant" if d.pk in as_applicant else "submitter",
                "applicant": row(d.applicant) if d.pk in as_applicant and hasattr(d, "applicant") else None,
                "submitter": row(d.submitter) if d.pk in as_submitter and hasattr(d, "submitter") else None,
                "results": [row(r) for r in d.results.all().order_by("pk")],
            }
            for d in dossiers
        ],
        "documents": [row(doc) for doc in documents],
        "accounts": [
            {
                **row(p),
                "username": p.user.get_username(),
                "date_joined": _value(p.user.date_joined),
                "last_login": _value(p.user.last_login),
            }
            for p in profiles
        ],  # fmt: skip
        "queue_bookings": [row(t) for t in Ticket.objects.filter(id_number=id_number).order_by("pk")],
        "home_service_requests": [
            row(r) for r in HomeServiceRequest.objects.filter(person_id_number=id_number).order_by("pk")
        ],
        "feedback": [
            row(f)
            for f in Feedback.objects.filter(Q(dossier_id__in=ids) | Q(author__in=users)).order_by("pk")
        ],
        "ratings": [row(r) for r in Rating.objects.filter(dossier_id__in=as_applicant).order_by("pk")],
        "notifications": [
            row(n)
            for n in Delivery.objects.filter(
                Q(dossier_id__in=as_applicant) | Q(recipient__in=contacts)
            ).order_by("pk")
        ],
        "notification_preferences": [row(p) for p in Preference.objects.filter(contact__in=contacts)],
        "notification_opt_outs": [row(o) for o in OptOut.objects.filter(contact__in=contacts)],
        "in_app_notifications": [row(n) for n in InAppNotification.objects.filter(user__in=users)],
        "read_log": [
            row(r, skip={"subject_key", "officer"})
            for r in PersonalDataRead.objects.filter(subject_key=readlog.subject_key(id_number)).order_by(
                "at"
            )
        ],
    }
    return data, documents


def _contacts(id_number: str, dossier_ids: set[int], profiles) -> list[str]:
    """The phones and e-mail addresses this person gave (their own, not a submitter's for them)."""
    found: set[str] = set()
    for phone, email in Applicant.objects.filter(id_number=id_number).values_list("phone", "email"):
        found |= {phone, email}
    for phone, email in Submitter.objects.filter(id_number=id_number).values_list("phone", "email"):
        found |= {phone, email}
    for p in profiles:
        found |= {p.phone, getattr(p, "email", "")}
    found |= set(Ticket.objects.filter(id_number=id_number).values_list("phone", flat=True))
    return sorted(c for c in found if c)


def count(data: dict) -> int:
    return sum(len(v) for v in data.values() if isinstance(v, list))
