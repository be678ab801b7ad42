"""Vietnamese wording of the clock's answers (weekdays, channels, working time), for the UI and command."""

from datetime import date, timedelta

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .clock import Channel


def weekday_name(day: date) -> str:
    names = [_("Thứ Hai"), _("Thứ Ba"), _("Thứ Tư"), _("Thứ Năm"), _("Thứ Sáu"), _("Thứ Bảy"), _("Chủ nhật")]
    return names[day.weekday()]


def channel_name(channel: Channel) -> str:
    return {
        Channel.COUNTER: _("trực tiếp tại quầy"),
        Channel.ONLINE: _("trực tuyến"),
        Channel.POSTAL: _("qua bưu chính"),
    }[channel]


def working_time(value: timedelta, day_length: timedelta) -> str:
    """ "2 ngày 3 giờ 15 phút làm việc" (a working day = `day_length`); "quá hạn …" when negative."""
    late = value < timedelta()
    days, rest = divmod(abs(value), day_length)
    minutes = int(rest.total_seconds() // 60)
    parts = []
    if days:
        parts.append(ngettext("%(n)d ngày", "%(n)d ngày", days) % {"n": days})
    if minutes // 60:
        parts.append(ngettext("%(n)d giờ", "%(n)d giờ", minutes // 60) % {"n": minutes // 60})
    if minutes % 60:
        parts.append(ngettext("%(n)d phút", "%(n)d phút", minutes % 60) % {"n": minutes % 60})
    text = " ".join(parts) or _("0 phút")
    text = _("%(time)s làm việc") % {"time": text}
    return _("quá hạn %(time)s") % {"time": text} if late else text
