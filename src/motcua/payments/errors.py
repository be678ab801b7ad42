"""Payment errors with stable codes (mapped to problem JSON by motcua.core.api, shown in Vietnamese)."""

from django.utils.translation import gettext_lazy as _

from motcua.core.errors import Conflict, DomainError, Forbidden, InvalidInput, NotFound


class PaymentError(DomainError):
    code = "payments.error"


class UnknownPlugin(PaymentError, NotFound):
    code = "payments.unknown_plugin"


class TransactionNotFound(PaymentError, NotFound):
    code = "payments.unknown_transaction"


class PaymentForbidden(PaymentError, Forbidden):
    code = "payments.forbidden"


class NothingDue(PaymentError, Conflict):
    code = "payments.nothing_due"


class BadSignature(PaymentError, InvalidInput):
    code = "payments.bad_signature"


class AmountMismatch(PaymentError, InvalidInput):
    code = "payments.amount_mismatch"


class NotRefundable(PaymentError, Conflict):
    code = "payments.not_refundable"


class GatewayUnavailable(PaymentError):
    """The gateway did not answer (down, timeout, HTTP error): nothing was changed."""

    code = "payments.gateway_unavailable"
    http_status = 503


class GatewayRefused(PaymentError):
    """The gateway answered but refused the request (e.g. a refund it does not allow)."""

    code = "payments.gateway_refused"
    http_status = 502


MESSAGES = {
    "payments.unknown_plugin": _("Hình thức thanh toán này chưa được cấu hình."),
    "payments.unknown_transaction": _("Không tìm thấy giao dịch thanh toán."),
    "payments.forbidden": _("Bạn không có quyền thanh toán cho hồ sơ này."),
    "payments.nothing_due": _("Hồ sơ không còn khoản phí, lệ phí nào phải nộp."),
    "payments.bad_signature": _("Dữ liệu từ cổng thanh toán không hợp lệ (sai chữ ký)."),
    "payments.amount_mismatch": _("Số tiền cổng thanh toán báo không khớp với số tiền phải nộp."),
    "payments.not_refundable": _("Giao dịch này không thể hoàn tiền."),
    "payments.gateway_unavailable": _(
        "Chưa kết nối được cổng thanh toán. Không có gì thay đổi; vui lòng thử lại sau ít phút."
    ),
    "payments.gateway_refused": _("Cổng thanh toán từ chối yêu cầu."),
}


def message_for(code: str) -> str:
    return str(MESSAGES.get(code, _("Đã có lỗi khi xử lý thanh toán.")))
