"""Evidence as sentences a supervisor or an inspector reads."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from motcua.core.masking import mask_id, mask_phone

from . import scoring


def rule_sentence(rule: str, count: int) -> str:
    if rule == "unrelated_applicants":
        return ngettext(
            "Nộp hoặc ghi liên hệ cho %(n)s hộ gia đình không có quan hệ với nhau.",
            "Nộp hoặc ghi liên hệ cho %(n)s hộ gia đình không có quan hệ với nhau.",
            count,
        ) % {"n": count}
    if rule == "many_communes":
        return _("Người yêu cầu cư trú ở %(n)s xã, phường khác nhau.") % {"n": count}
    if rule == "many_procedures":
        return _("Hồ sơ thuộc %(n)s thủ tục khác nhau.") % {"n": count}
    if rule == "many_places":
        return _("Nộp tại %(n)s điểm tiếp nhận khác nhau.") % {"n": count}
    if rule == "burst":
        return _("Có ngày nộp %(n)s hồ sơ.") % {"n": count}
    if rule == "bookings_for_many":
        return _("Đặt lịch lấy số cho %(n)s người khác nhau.") % {"n": count}
    if rule == "bookings_missed":
        return _("%(n)s số đã đặt không đến (hết hạn hoặc vắng mặt).") % {"n": count}
    return rule


def masked(kind: str, value: str) -> str:
    if kind in (scoring.PHONE, scoring.BOOKER):
        return mask_phone(value)
    if kind == scoring.SUBMITTER and value.isdigit():
        return mask_id(value)
    if kind == scoring.EMAIL and "@" in value:
        name, _at, domain = value.partition("@")
        return f"{name[:2]}***@{domain}"
    return value
