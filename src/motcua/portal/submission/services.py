"""Writes of online submission: open a draft, keep what was typed, store an upload, submit once.

No transaction is opened here (ADR 0032): the use cases that change a dossier or store a file own theirs
(motcua.documents.intake and services), and this module hands them the draft's part as a step run
inside it. `submit` is idempotent: the draft's key is the Idempotency-Key of the online submission (a
double click or a reload that replays the request finds the same dossier, and the draft is marked in
the dossier's own transaction). Any error leaves the draft as it was: what was typed and uploaded
stays, nothing is created.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.catalog import selectors as catalog
from motcua.core.errors import DomainError
from motcua.documents import intake
from motcua.documents import services as documents
from motcua.documents.errors import InvalidOwner
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


def save_typed(draft: Draft, typed: dict[str, str], *, attempts: int = 5) -> Draft:
    """Merge what was typed into the draft. Compare-and-set on `updated_at` (one UPDATE, no lock): two
    tabs saving at once both keep their fields, the later one re-reads and merges again."""
    clean = {k: str(v)[:MAX_LENGTH] for k, v in typed.items()}
    for _attempt in range(attempts):
        current = Draft.objects.get(pk=draft.pk)
        if current.submitted:
            return current
        changed = Draft.objects.filter(
            pk=draft.pk, updated_at=current.updated_at, dossier__isnull=True
        ).update(data={**current.data, **clean}, updated_at=timezone.now())
        if changed:
            return Draft.objects.get(pk=draft.pk)
    raise SubmissionInvalid({"__all__": _("Bản nháp đang được lưu ở nơi khác; hãy thử lại.")})


def _owner(draft: Draft) -> str:
    try:
        return owner_key(draft.data.get("id_number", ""))
    except InvalidOwner:
        return ""


class _AlreadySubmitted(Exception):
    """The draft was submitted while its file was being stored: roll the file back."""


def add_upload(draft: Draft, *, required_document, upload) -> DraftUpload | None:
    """Store one file for a required document (sniffed and checksummed by motcua.documents); a newer file
    for the same document replaces the older one in the draft. Raises FileRejected (nothing stored).
    None when the draft was submitted meanwhile (its papers are the dossier's now; the file is not kept).
    """

    def keep(document) -> None:  # inside the document's own transaction
        if Draft.objects.select_for_update().get(pk=draft.pk).submitted:
            raise _AlreadySubmitted
        DraftUpload.objects.filter(draft=draft, required_document=required_document).delete()
        DraftUpload.objects.create(draft=draft, required_document=required_document, document=document)

    if Draft.objects.get(pk=draft.pk).submitted:
        return None
    try:
        document = documents.store_document(
            content=upload,
            filename=upload.name,
            name=required_document.name,
            owner_id_number=_owner(draft),
            actor=draft.user,
            then=keep,
        )
    except _AlreadySubmitted:
        return None
    return DraftUpload.objects.get(draft=draft, document=document)


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
    if delivery == Delivery.ONLINE and delivery not in dossiers.result_deliveries(version):
        problems["delivery"] = _(
            "Thủ tục này không trả kết quả bản điện tử; hãy chọn nhận tại nơi giải quyết hoặc qua bưu chính."
        )
    elif delivery not in dossiers.result_deliveries(version):
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


def submit(draft: Draft):
    """The online dossier for this draft, created once (see the module's docstring)."""
    current = Draft.objects.select_related("procedure", "province").get(pk=draft.pk)
    if current.submitted:
        return current.dossier
    version = catalog.current_version(current.procedure)
    if version is None:
        raise SubmissionInvalid({"__all__": _("Thủ tục này hiện không còn áp dụng.")})
    case, provided = _check(current, version)
    uploads = uploads_of(current)

    def mark(dossier) -> None:  # inside the dossier's transaction: both or neither
        Draft.objects.filter(pk=current.pk, dossier__isnull=True).update(
            dossier=dossier, updated_at=timezone.now()
        )

    try:
        return intake.submit_online(
            user=current.user,
            papers={pk: uploads[pk].document_id for pk in provided},
            then=mark,
            procedure=current.procedure,
            province=current.province,
            applicant=applicant(current),
            provided=provided,
            case=case,
            commune=current.data.get("handling_commune") or None,
            result_delivery=current.data.get("delivery") or Delivery.COUNTER,
            idempotency_key=f"portal:{current.key}",
        )
    except InvalidApplicant as exc:
        raise SubmissionInvalid(dict(exc.details)) from None
    except ChecklistIncomplete as exc:
        raise SubmissionInvalid(
            {f"doc-{m['id']}": _("Hãy tải lên giấy tờ này.") for m in exc.details["missing"]}
        ) from None
    except NoCompetentAgency as exc:
        raise SubmissionInvalid({"handling_commune": exc.message}) from None
