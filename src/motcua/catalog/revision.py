"""Revising a procedure: open a draft from the version under review, save the administrator's edits to it,
publish it. Every write goes through `services` (which lock the procedure, keep published versions
immutable and refuse overlapping windows); this module adds what the review desk needs on top: the
checks across rows, the review reasons kept or cleared, and an audit row saying what changed.

Each call is one transaction: a refused edit changes nothing."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from motcua.core.errors import Conflict, InvalidInput

from . import review, services
from .content import CHILDREN, version_content
from .errors import VersionImmutable
from .models import Procedure, ProcedureVersion, VersionStatus
from .vocabulary import Channel, FeeKind, TimeUnit

# Units whose time limit needs a number (same day, not regulated and unknown have none).
COUNTED_UNITS = {
    TimeUnit.WORKING_DAYS,
    TimeUnit.WORKING_HOURS,
    TimeUnit.CALENDAR_DAYS,
    TimeUnit.HOURS,
    TimeUnit.MONTHS,
}


class RevisionInvalid(InvalidInput):
    """The edit breaks a rule; `errors` lists (where, message) pairs, all of them at once."""

    code = "catalog.revision_invalid"

    def __init__(self, errors: list[tuple[str, str]]):
        super().__init__(
            _("Chưa lưu: có %(n)s lỗi cần sửa.") % {"n": len(errors)},
            details={"errors": [{"where": w, "message": m} for w, m in errors]},
        )
        self.errors = errors


class StaleDraft(Conflict):
    code = "catalog.draft_changed"

    def __init__(self):
        super().__init__(
            _("Bản nháp vừa được người khác sửa; hãy tải lại trang để xem bản mới nhất rồi sửa tiếp.")
        )


def _term_where(index: int) -> str:
    return _("Hình thức nộp, dòng %(n)s") % {"n": index + 1}


def _document_where(index: int) -> str:
    return _("Thành phần hồ sơ, dòng %(n)s") % {"n": index + 1}


def _dated(term: dict) -> bool:
    return bool(term.get("valid_from") or term.get("valid_until"))


def _windows_overlap(a: dict, b: dict) -> bool:
    """Term windows have both ends inclusive (ADR 0022); an empty end is open. ISO strings compare."""
    a_from, a_until = a.get("valid_from") or "", a.get("valid_until") or ""
    b_from, b_until = b.get("valid_from") or "", b.get("valid_until") or ""
    return (not b_until or a_from <= b_until) and (not a_until or b_from <= a_until)


def check_content(content: dict) -> list[tuple[str, str]]:
    """The rules across rows that a single field cannot check. Dates are ISO strings, amounts numbers."""
    errors: list[tuple[str, str]] = []
    if not (content.get("name") or "").strip():
        errors.append((_("Tên thủ tục"), _("Tên thủ tục không được để trống.")))
    for i, doc in enumerate(content.get("documents", [])):
        if not (doc.get("name") or "").strip():
            errors.append((_document_where(i), _("Tên giấy tờ không được để trống.")))
        for key, label in (("originals", _("Số bản chính")), ("copies", _("Số bản sao"))):
            value = doc.get(key)
            if value is None or int(value) < 0:
                errors.append((_document_where(i), _("%(label)s phải là số không âm.") % {"label": label}))
        case = doc.get("case")
        if case is not None and not (0 <= case < len(content.get("cases", []))):
            errors.append((_document_where(i), _("Trường hợp đã chọn không còn tồn tại.")))
        if (doc.get("condition") or "").strip() and doc.get("required"):
            errors.append(
                (
                    _document_where(i),
                    _(
                        "Giấy tờ có điều kiện chỉ được yêu cầu khi điều kiện xảy ra: "
                        "hãy bỏ đánh dấu «Bắt buộc» hoặc xoá điều kiện."
                    ),
                )
            )
    for i, note in enumerate(content.get("notes", [])):
        if not (note.get("text") or "").strip():
            errors.append((_("Lưu ý, dòng %(n)s") % {"n": i + 1}, _("Nội dung lưu ý không được để trống.")))
    for i, title in enumerate(content.get("cases", [])):
        if not (title or "").strip():
            errors.append((_("Trường hợp %(n)s") % {"n": i + 1}, _("Tên trường hợp không được để trống.")))
    terms = content.get("channel_terms", [])
    for i, term in enumerate(terms):
        errors.extend((_term_where(i), m) for m in _term_errors(term))
    for i, term in enumerate(terms):
        for j in range(i):
            other = terms[j]
            if (
                (_dated(term) or _dated(other))
                and other.get("channel") == term.get("channel")
                and (other.get("description") or "") == (term.get("description") or "")
                and _windows_overlap(other, term)
            ):
                errors.append(
                    (
                        _term_where(i),
                        _(
                            "Thời gian áp dụng chồng lấn với dòng %(n)s cùng hình thức nộp; "
                            "hãy cho dòng cũ kết thúc (áp dụng đến hết ngày) trước ngày dòng mới bắt đầu."
                        )
                        % {"n": j + 1},
                    )
                )
    return errors


def _term_errors(term: dict) -> list[str]:
    errors = []
    if term.get("channel") not in set(Channel):
        errors.append(_("Hãy chọn hình thức nộp."))
    unit, value = term.get("time_unit"), term.get("time_value")
    if unit in COUNTED_UNITS and (value in (None, "") or float(value) <= 0):
        errors.append(_("Thời hạn theo đơn vị này cần một con số lớn hơn 0."))
    if unit not in COUNTED_UNITS and value not in (None, ""):
        errors.append(_("Thời hạn «trong ngày», «không quy định» hoặc «chưa xác định» không kèm con số."))
    kind, amount = term.get("fee_kind"), term.get("fee_amount")
    if kind == FeeKind.AMOUNT and (amount in (None, "") or int(amount) <= 0):
        errors.append(_("Phí, lệ phí «có mức thu» cần mức thu lớn hơn 0."))
    if amount not in (None, "") and int(amount) < 0:
        errors.append(_("Mức thu không được âm."))
    start, end = term.get("valid_from") or "", term.get("valid_until") or ""
    if start and end and end < start:
        errors.append(_("Ngày áp dụng đến hết phải từ ngày bắt đầu áp dụng trở đi."))
    return errors


def open_draft(version: ProcedureVersion, *, actor) -> tuple[ProcedureVersion, bool]:
    """The draft to edit: the version itself if it is one, the procedure's draft if there is one,
    otherwise a new draft copied from `version` (a published version is never edited)."""
    if version.status == VersionStatus.DRAFT:
        return version, False
    existing = version.procedure.versions.filter(status=VersionStatus.DRAFT).first()
    if existing is not None:
        return existing, False
    return services.create_draft(procedure=version.procedure, from_version=version, actor=actor), True


def token(version: ProcedureVersion) -> str:
    """What the editor sends back so a save over someone else's newer save is refused."""
    return version.updated_at.isoformat() if version.updated_at else ""


def _summary(before: dict, after: dict) -> dict:
    changed = sorted(k for k in after if before.get(k) != after.get(k))
    return {
        "changed": changed,
        "counts": {k: [len(before.get(k, [])), len(after.get(k, []))] for k in CHILDREN if k in changed},
    }


@transaction.atomic
def save_draft(
    version: ProcedureVersion, *, actor, content: dict, resolved: set[int], seen_token: str = ""
) -> ProcedureVersion:
    """Replace the draft's editable content with `content` and clear the review reasons whose index is
    in `resolved` (the others are kept). All or nothing. `parse_notes`, the parser's log, stays as is."""
    # The procedure row first, as every service locks it: the same order everywhere, no deadlock.
    Procedure.objects.select_for_update().get(pk=version.procedure_id)
    version = ProcedureVersion.objects.get(pk=version.pk)
    if version.status != VersionStatus.DRAFT:
        raise VersionImmutable()
    if seen_token and seen_token != token(version):
        raise StaleDraft()
    errors = check_content(content)
    if errors:
        raise RevisionInvalid(errors)
    before = version_content(version)
    reasons = review.stored_reasons(version.review_reasons, version.parse_notes, version.needs_review)
    kept = [reason for i, reason in enumerate(reasons) if i not in resolved]
    cleared = [reason for i, reason in enumerate(reasons) if i in resolved]
    # needs_review is true exactly when reasons remain (ADR 0022).
    data = {**content, "review_reasons": kept, "needs_review": bool(kept)}
    services.update_draft(version=version, actor=actor, data=data)
    services.audit(
        "review_edit",
        actor=actor,
        version=version,
        **_summary(before, {**before, **content}),
        reasons_cleared=[r.get("reason", "") for r in cleared if isinstance(r, dict)],
        reasons_kept=[r.get("reason", "") for r in kept if isinstance(r, dict)],
    )
    version.refresh_from_db()
    return version


def publish_draft(
    version: ProcedureVersion,
    *,
    actor,
    valid_from: date,
    valid_to: date | None = None,
    decision_no: str = "",
    decision_date: date | None = None,
) -> ProcedureVersion:
    """Publish through `services.publish`: the open-ended version in force is ended at `valid_from`;
    any other overlap is refused (`catalog.version_overlap`)."""
    return services.publish(
        version=version,
        valid_from=valid_from,
        valid_to=valid_to,
        actor=actor,
        decision_no=decision_no or None,
        decision_date=decision_date,
    )
