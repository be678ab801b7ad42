"""Writes of online submission: open a draft, keep what was typed, store an upload, submit once.

`submit` is idempotent twice over: the draft row is locked (a double click waits for the first request)
and the draft's key is the Idempotency-Key of motcua.dossiers.services.submit_online (a reload that
replays the request finds the same dossier). Any error leaves the draft as it was: what was typed and
uploaded stays, nothing is created.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from motcua.catalog import selectors as catalog
from motcua.core.errors import DomainError
from motcua.documents import services as documents
from motcua.documents.errors import InvalidOwner
from motcua.documents.models import DossierDocument
from motcua.documents.owners import owner_key
from motcua.dossiers import selectors as dossier_selectors
from motcua.dossiers import services as dossiers
from motcua.dossiers.choices import Delivery
from motcua.dossiers.errors import ChecklistIncomplete, InvalidApplicant, NoCompetentAgency
from motcua.dossiers.services.parties import clean_applicant

from ..models import Draft, DraftUpload
from .forms import APPLICANT_FIELDS, MAX_LENGTH


class SubmissionInvalid(DomainError):
    """What is wrong, per field of the e-form (`details`: field name -> Vietnamese message)."""

    code = "portal.submission_invalid"

    def __init__(self, problems: dict[str, str]):
        super().__init__(_("Hồ sơ chưa gửi được: hãy sửa những chỗ được đánh dấu."), details=problems)


def prefill(user) -> dict[str, str]:
    """The applicant from the signed-in citizen's identity (accounts.CitizenProfile when present)."""
    profile = getattr(user, "citizen", None) if hasattr(user, "citizen") else None
    data = {"full_name": getattr(user, "full_name", "") or user.get_full_name() or ""}
    if profile is not None:
        for field in ("full_name", "phone", "email"):
            data[field] = str(getattr(profile, field, "") or data.get(field, ""))
        data["id_number"] = str(getattr(profile, "personal_id", "") or "")
        birth = getattr(profile, "birth_date", None)
        data["birth_date"] = birth.isoformat() if birth else ""
    elif user.email:
        data["email"] = user.email
    return {k: v for k, v in data.items() if v}


def open_draft(*, user, procedure, province) -> Draft:
    """The citizen's unfinished draft for this procedure and province, or a new one prefilled."""
    found = (
        Draft.objects.filter(user=user, procedure=procedure, province=province, dossier__isnull=True)
        .order_by("-updated_at")
        .first()
    )
    if found is not None:
        return found
    return Draft.objects.create(
        user=user,
        procedure=procedure,
        province=province,
        data={**prefill(user), "delivery": Delivery.COUNTER},
    )


@transaction.atomic
def save_typed(draft: Draft, typed: dict[str, str]) -> Draft:
    locked = Draft.objects.select_for_update().get(pk=draft.pk)
    if locked.submitted:
        return locked
    locked.data = {**locked.data, **{k: str(v)[:MAX_LENGTH] for k, v in typed.items()}}
    locked.save(update_fields=["data", "updated_at"])
    return locked


def _owner(draft: Draft) -> str:
    try:
        return owner_key(draft.data.get("id_number", ""))
    except InvalidOwner:
        return ""


@transaction.atomic
def add_upload(draft: Draft, *, required_document, upload) -> DraftUpload | None:
    """Store one file for a required document (sniffed and checksummed by motcua.documents); a newer file
    for the same document replaces the older one in the draft. Raises FileRejected (nothing stored).
    None when the draft was submitted meanwhile (its papers are the dossier's now)."""
    if Draft.objects.select_for_update().get(pk=draft.pk).submitted:
        return None
    document = documents.store_document(
        content=upload,
        filename=upload.name,
        name=required_document.name,
        owner_id_number=_owner(draft),
        actor=draft.user,
    )
    DraftUpload.objects.filter(draft=draft, required_document=required_document).delete()
    return DraftUpload.objects.create(draft=draft, required_document=required_document, document=document)


def uploads_of(draft: Draft) -> dict[int, DraftUpload]:
    return {u.required_document_id: u for u in draft.uploads.select_related("document")}


def _case(version, draft: Draft, problems: dict):
    cases = list(version.cases.all())
    if not cases:
        return None
    chosen = next((c for c in cases if str(c.pk) == draft.data.get("case", "")), None)
    if chosen is None:
        problems["case"] = _("Hãy chọn trường hợp của bạn.")
    return chosen


def _check(draft: Draft, version) -> tuple[object, list[int]]:
    """The case and the documents provided; SubmissionInvalid with every problem found at once."""
    problems: dict[str, str] = {}
    case = _case(version, draft, problems)
    uploaded = uploads_of(draft)
    checklist = dossier_selectors.checklist(version, case)
    for doc in dossier_selectors.missing_documents(version, case, uploaded):  # one of a group is enough
        problems[f"doc-{doc.pk}"] = _("Hãy tải lên giấy tờ này.")
    delivery = draft.data.get("delivery") or Delivery.COUNTER
    if delivery not in (Delivery.COUNTER, Delivery.POSTAL):
        problems["delivery"] = _("Hãy chọn cách nhận kết quả.")
    if delivery == Delivery.POSTAL and not draft.data.get("delivery_address"):
        problems["delivery_address"] = _("Hãy ghi địa chỉ để bưu điện gửi kết quả đến.")
    try:  # the engine's own rules, checked now so every problem is shown at once
        clean_applicant(applicant(draft))
    except InvalidApplicant as exc:
        problems.update(exc.details)
    if problems:
        raise SubmissionInvalid(problems)
    wanted = {doc.pk for doc in checklist}
    return case, [pk for pk in uploaded if pk in wanted]


def applicant(draft: Draft) -> dict:
    data = {name: draft.data.get(name, "") for name in APPLICANT_FIELDS}
    return {"kind": "person", **data}


@transaction.atomic
def submit(draft: Draft):
    """The online dossier for this draft, created once (see the module's docstring)."""
    locked = Draft.objects.select_for_update().select_related("procedure", "province").get(pk=draft.pk)
    if locked.submitted:
        return locked.dossier
    version = catalog.current_version(locked.procedure)
    if version is None:
        raise SubmissionInvalid({"__all__": _("Thủ tục này hiện không còn áp dụng.")})
    case, provided = _check(locked, version)
    try:
        dossier = dossiers.submit_online(
            user=locked.user,
            procedure=locked.procedure,
            province=locked.province,
            applicant=applicant(locked),
            provided=provided,
            case=case,
            commune=locked.data.get("handling_commune") or None,
            result_delivery=locked.data.get("delivery") or Delivery.COUNTER,
            idempotency_key=f"portal:{locked.key}",
        )
    except InvalidApplicant as exc:
        raise SubmissionInvalid(dict(exc.details)) from None
    except ChecklistIncomplete as exc:
        raise SubmissionInvalid(
            {f"doc-{m['id']}": _("Hãy tải lên giấy tờ này.") for m in exc.details["missing"]}
        ) from None
    except NoCompetentAgency as exc:
        raise SubmissionInvalid({"handling_commune": exc.message}) from None
    _attach(dossier, locked, provided)
    locked.dossier = dossier
    locked.save(update_fields=["dossier", "updated_at"])
    return dossier


def _attach(dossier, draft: Draft, provided: list[int]) -> None:
    """The draft's files become the dossier's papers (the same Document rows, one link each)."""
    attached = set(DossierDocument.objects.filter(dossier=dossier).values_list("document_id", flat=True))
    for upload in draft.uploads.filter(required_document_id__in=provided):
        if upload.document_id not in attached:
            DossierDocument.objects.create(
                dossier=dossier,
                document_id=upload.document_id,
                required_document_id=upload.required_document_id,
                attached_by=draft.user,
            )
