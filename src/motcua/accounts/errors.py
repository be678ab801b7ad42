"""Citizen sign-in errors: stable codes, a plain Vietnamese title and what to do next.

Every way a sign-in can fail ends on one of these (never a 500): the view shows `title` and `advice`
with the HTTP status, and nothing is written to the database.
"""

from django.utils.translation import gettext as _

from motcua.core.errors import DomainError


class SignInError(DomainError):
    code = "accounts.sign_in_failed"
    http_status = 400

    def __init__(self, message: str, advice: str, *, details: dict | None = None):
        super().__init__(message, details=details)
        self.advice = advice


class ProviderUnreachable(SignInError):
    code = "accounts.provider_unreachable"
    http_status = 503

    def __init__(self):
        super().__init__(
            _("Không kết nối được với hệ thống định danh điện tử VNeID."),
            _("Hệ thống định danh đang bận hoặc tạm ngừng. Vui lòng thử lại sau ít phút."),
        )


class NotConfigured(SignInError):
    code = "accounts.not_configured"
    http_status = 503

    def __init__(self):
        super().__init__(
            _("Chức năng đăng nhập bằng VNeID chưa được cấu hình."),
            _(
                "Vui lòng liên hệ Trung tâm Phục vụ hành chính công. Bạn vẫn tra cứu được hồ sơ bằng mã hồ sơ."
            ),
        )


class Cancelled(SignInError):
    code = "accounts.cancelled"

    def __init__(self):
        super().__init__(
            _("Bạn đã huỷ đăng nhập."),
            _("Chưa có thông tin nào được lưu. Bạn có thể đăng nhập lại bất cứ lúc nào."),
        )


class ProviderRefused(SignInError):
    code = "accounts.provider_refused"

    def __init__(self, error: str):
        super().__init__(
            _("Hệ thống định danh điện tử từ chối yêu cầu đăng nhập."),
            _("Vui lòng đăng nhập lại. Nếu vẫn không được, hãy liên hệ Trung tâm."),
            details={"error": error[:100]},
        )


class ExpiredAttempt(SignInError):
    code = "accounts.invalid_state"

    def __init__(self):
        super().__init__(
            _("Phiên đăng nhập đã hết hạn hoặc không hợp lệ."),
            _("Vui lòng bấm “Đăng nhập” để bắt đầu lại."),
        )


class InvalidToken(SignInError):
    code = "accounts.invalid_token"

    def __init__(self, reason: str):
        super().__init__(
            _("Không xác thực được thông tin đăng nhập từ VNeID."),
            _("Vì an toàn, chúng tôi không đăng nhập cho bạn. Vui lòng đăng nhập lại."),
            details={"reason": reason[:200]},
        )


class IncompleteIdentity(SignInError):
    code = "accounts.invalid_claims"

    def __init__(self, claim: str, reason: str):
        super().__init__(
            _("Thông tin định danh nhận được chưa đầy đủ hoặc không hợp lệ."),
            _(
                "Tài khoản định danh của bạn cần có họ tên và số định danh cá nhân hợp lệ. "
                "Vui lòng kiểm tra trên ứng dụng VNeID hoặc liên hệ Trung tâm."
            ),
            details={"claim": claim, "reason": reason},
        )
