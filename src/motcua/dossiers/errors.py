"""Dossier errors: stable codes (the API contract), Vietnamese messages (translated when raised)."""

from django.utils.translation import gettext as _

from motcua.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from motcua.core.kernel import StaleWrite

from . import lifecycle


def _action_label(action: str) -> str:
    """The action's label from the lifecycle table, translated; the raw value if it is not an action."""
    try:
        return _(lifecycle.transition(action).label)
    except (ValueError, KeyError):
        return str(action)


def _state_label(status: str | None) -> str:
    try:
        return _(lifecycle.STATES[lifecycle.State(status)].label) if status else "—"
    except (ValueError, KeyError):
        return str(status)


class InvalidTransition(Conflict):
    code = "dossier.invalid_transition"

    def __init__(self, action: str, status: str | None):
        super().__init__(
            _("Không thể thực hiện “%(action)s” khi hồ sơ đang ở trạng thái “%(status)s”.")
            % {"action": _action_label(action), "status": _state_label(status)},
            details={"action": str(action), "status": status},
        )


class ActionForbidden(Forbidden):
    code = "dossier.forbidden"

    def __init__(self, action: str):
        super().__init__(
            _("Bạn không có quyền thực hiện “%(action)s” với hồ sơ này.") % {"action": _action_label(action)},
            details={"action": str(action)},
        )


class VersionConflict(StaleWrite):
    """The kernel's stale write (code "stale_write", as in every app), with the dossier's words."""

    def __init__(self, expected: int | None, current: int):
        super().__init__(
            expected, current, _("Hồ sơ vừa được người khác cập nhật. Hãy tải lại hồ sơ rồi thực hiện lại.")
        )


class DossierNotFound(NotFound):
    code = "dossier.not_found"

    def __init__(self, ref=None):
        super().__init__(_("Không tìm thấy hồ sơ."), details={"dossier": str(ref)} if ref else None)


class InvalidApplicant(InvalidInput):
    code = "dossier.invalid_applicant"

    def __init__(self, problems: dict[str, str]):
        summary = "; ".join(problems.values())
        super().__init__(
            _("Thông tin người yêu cầu không hợp lệ: %(summary)s") % {"summary": summary}, details=problems
        )


class ChecklistIncomplete(InvalidInput):
    code = "dossier.checklist_incomplete"

    def __init__(self, missing: list[dict]):
        super().__init__(
            _("Hồ sơ chưa đầy đủ: còn thiếu %(n)s thành phần bắt buộc.") % {"n": len(missing)},
            details={"missing": missing},
        )


class NoteRequired(InvalidInput):
    code = "dossier.note_required"

    def __init__(self, action: str):
        super().__init__(
            _("Cần ghi rõ lý do, nội dung khi thực hiện “%(action)s”.") % {"action": action},
            details={"action": str(action)},
        )


class SupplementAlreadyRequested(Conflict):
    code = "dossier.supplement_already_requested"

    def __init__(self):
        super().__init__(
            _("Hồ sơ đã được yêu cầu bổ sung một lần; chỉ được yêu cầu bổ sung, hoàn thiện một lần.")
        )


class FeesAlreadyPaid(Conflict):
    code = "dossier.fees_already_paid"

    def __init__(self):
        super().__init__(_("Phí, lệ phí của hồ sơ đã được ghi nhận; không ghi nhận thu lần nữa."))


class FeeDue(Conflict):
    code = "dossier.fee_due"

    def __init__(self):
        super().__init__(
            _("Hồ sơ có khoản phí đang chờ nộp: hãy ghi nhận khoản đó, không ghi thêm khoản mới.")
        )


class ExtensionAlreadyGiven(Conflict):
    code = "dossier.extension_already_given"

    def __init__(self):
        super().__init__(_("Hồ sơ đã được hẹn lại ngày trả kết quả; chỉ được hẹn lại một lần."))


class IdempotencyMismatch(Conflict):
    code = "dossier.idempotency_mismatch"

    def __init__(self, key: str):
        super().__init__(
            _("Khóa chống trùng “%(key)s” đã được dùng cho một yêu cầu khác.") % {"key": key},
            details={"idempotency_key": key},
        )


class NoCompetentAgency(InvalidInput):
    code = "dossier.no_competent_agency"

    def __init__(self, message: str | None = None, **details):
        super().__init__(
            message or _("Không xác định được cơ quan có thẩm quyền giải quyết."), details=details
        )


class OutsideBoundary(InvalidInput):
    code = "dossier.outside_boundary"

    def __init__(self):
        super().__init__(
            _(
                "Thủ tục này không được tiếp nhận không phụ thuộc địa giới hành chính: hãy nộp tại nơi tiếp "
                "nhận của xã, phường, đặc khu có thẩm quyền."
            )
        )


class ProcedureNotAvailable(InvalidInput):
    code = "dossier.procedure_not_available"


class DossierInputError(InvalidInput):
    """Other bad input; the code names the field ("dossier.invalid_case", "dossier.invalid_assignee")."""

    code = "dossier.invalid_input"
