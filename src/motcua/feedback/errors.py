"""Feedback errors: stable codes, Vietnamese messages."""

from django.utils.translation import gettext as _

from motcua.core.errors import Conflict, Forbidden, InvalidInput, NotFound


class FeedbackInvalid(InvalidInput):
    """`details`: field name -> Vietnamese message."""

    code = "feedback.invalid"

    def __init__(self, problems: dict[str, str]):
        super().__init__(_("Chưa gửi được: hãy sửa những chỗ được đánh dấu."), details=problems)


class NotRatable(Conflict):
    code = "feedback.not_ratable"

    def __init__(self):
        super().__init__(_("Hồ sơ chưa có kết quả nên chưa đánh giá được."))


class AlreadyRated(Conflict):
    code = "feedback.already_rated"

    def __init__(self):
        super().__init__(_("Bạn đã đánh giá hồ sơ này rồi. Cảm ơn bạn."))


class NotAllowed(Forbidden):
    code = "feedback.forbidden"

    def __init__(self):
        super().__init__(_("Bạn không có quyền trả lời góp ý, phản ánh này."))


class FeedbackNotFound(NotFound):
    code = "feedback.not_found"

    def __init__(self):
        super().__init__(_("Không tìm thấy góp ý, phản ánh."))


class AlreadyAnswered(Conflict):
    code = "feedback.already_answered"

    def __init__(self):
        super().__init__(_("Góp ý, phản ánh này đã được trả lời."))
