"""What the clock cannot know by itself: overrides of the national calendar, and office hours per province.

National public holidays and the swaps already decided come from the `holidays` package (see
public_holidays.py); these rows add what it cannot know in advance (next year's swaps, a province's
own days off) or correct it. An empty province code means "nationwide".
"""

from datetime import time

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

province_code_validator = RegexValidator(
    r"^[0-9]{2}$", _("Mã tỉnh gồm 2 chữ số (mã GSO), ví dụ 01."), code="calendar.invalid_province"
)


class OverrideKind(models.TextChoices):
    DAY_OFF = "day_off", _("Ngày nghỉ")
    WORKING_DAY = "working_day", _("Ngày làm việc (làm bù)")


class CalendarOverride(models.Model):
    province_code = models.CharField(
        _("mã tỉnh"),
        max_length=2,
        blank=True,
        default="",
        validators=[province_code_validator],
        help_text=_("Để trống: áp dụng toàn quốc. Ngày của tỉnh được ưu tiên hơn ngày toàn quốc."),
    )
    date = models.DateField(_("ngày"))
    kind = models.CharField(_("loại"), max_length=12, choices=OverrideKind.choices)
    reason = models.CharField(_("lý do"), max_length=200, help_text=_("Ví dụ: Nghỉ bù Quốc khánh."))
    legal_basis = models.CharField(
        _("căn cứ pháp lý"),
        max_length=300,
        blank=True,
        help_text=_("Số, ký hiệu văn bản quyết định ngày nghỉ hoặc làm bù."),
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("ngày nghỉ / làm bù")
        verbose_name_plural = pgettext_lazy("plural", "ngày nghỉ / làm bù")
        ordering = ["date", "province_code"]
        constraints = [
            models.UniqueConstraint(fields=["province_code", "date"], name="calendar_override_one_per_day"),
            models.CheckConstraint(
                condition=Q(kind__in=OverrideKind.values), name="calendar_override_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        where = self.province_code or _("toàn quốc")
        return f"{self.date:%d/%m/%Y} {self.get_kind_display()} ({where}): {self.reason}"


class OfficeHoursSetting(models.Model):
    """Office hours and the counter/postal cut-off of a province (empty code: the nationwide default)."""

    province_code = models.CharField(
        _("mã tỉnh"),
        max_length=2,
        blank=True,
        default="",
        unique=True,
        validators=[province_code_validator],
        help_text=_("Để trống: mặc định cho mọi tỉnh chưa có cấu hình riêng."),
    )
    morning_start = models.TimeField(_("sáng từ"), default=time(8))
    morning_end = models.TimeField(_("sáng đến"), default=time(12))
    afternoon_start = models.TimeField(_("chiều từ"), default=time(13))
    afternoon_end = models.TimeField(_("chiều đến"), default=time(17))
    cutoff = models.TimeField(
        _("giờ chốt tiếp nhận"),
        null=True,
        blank=True,
        default=time(15),
        help_text=_(
            "Hồ sơ trực tiếp, bưu chính tiếp nhận sau giờ này được tính từ đầu ngày làm việc tiếp theo. "
            "Để trống: không áp dụng."
        ),
    )
    legal_basis = models.CharField(_("căn cứ pháp lý"), max_length=300, blank=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("giờ làm việc")
        verbose_name_plural = pgettext_lazy("plural", "giờ làm việc")
        ordering = ["province_code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(morning_start__lt=F("morning_end"))
                & Q(morning_end__lte=F("afternoon_start"))
                & Q(afternoon_start__lt=F("afternoon_end")),
                name="calendar_office_hours_in_order",
            ),
        ]

    def __str__(self) -> str:
        where = self.province_code or _("mặc định toàn quốc")
        return (
            f"{where}: {self.morning_start:%H:%M}–{self.morning_end:%H:%M}, "
            f"{self.afternoon_start:%H:%M}–{self.afternoon_end:%H:%M}"
        )

    def clean(self):
        times = [self.morning_start, self.morning_end, self.afternoon_start, self.afternoon_end]
        if any(t is None for t in times):
            return
        if not (times[0] < times[1] <= times[2] < times[3]):
            raise ValidationError(
                _("Giờ làm việc phải theo thứ tự: sáng từ < sáng đến ≤ chiều từ < chiều đến.")
            )
        if any(t.second or t.microsecond for t in [*times, self.cutoff] if t is not None):
            raise ValidationError(_("Giờ làm việc phải tròn phút."))
