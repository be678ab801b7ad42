"""The privacy app's two append-only records (ADR 0053): who read which person's data, and what was done
for the law's sake (an export of one person's data, a pseudonymisation run).

Neither holds an ID number: a person is the keyed hash `subject_key` (core/readlog.py) and the masked
number. Both tables refuse UPDATE and DELETE (core.kernel.AppendOnly, ADR 0031).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ReadField(models.TextChoices):
    ID_NUMBER = "id_number", _("Số định danh")
    DOCUMENT = "document", _("Giấy tờ đã lưu")
    RESULT = "result", _("Kết quả giải quyết")
    EXPORT = "export", _("Trích xuất dữ liệu cá nhân")


class PersonalDataRead(models.Model):
    at = models.DateTimeField(_("lúc"))
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cán bộ"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,  # led by officer_read_idx
    )
    officer_name = models.CharField(_("tên đăng nhập"), max_length=150, blank=True)
    subject_key = models.CharField(_("khoá chủ thể"), max_length=40)
    masked = models.CharField(_("số định danh (che)"), max_length=12)
    dossier_code = models.CharField(_("mã hồ sơ"), max_length=40, blank=True)
    province_id = models.IntegerField(_("tỉnh"), null=True, blank=True)
    field = models.CharField(_("dữ liệu đã xem"), max_length=12, choices=ReadField.choices)
    ref = models.CharField(_("giấy tờ, kết quả"), max_length=64, blank=True)
    source = models.CharField(_("trang hoặc API"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("lượt xem dữ liệu cá nhân")
        verbose_name_plural = pgettext_lazy("plural", "lượt xem dữ liệu cá nhân")
        indexes = [
            models.Index(fields=["subject_key", "at"], name="privacy_read_subject_idx"),
            models.Index(fields=["officer", "at"], name="privacy_read_officer_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.officer_name} {self.field} {self.masked} {self.at:%Y-%m-%d %H:%M}"


class PrivacyAction(models.TextChoices):
    EXPORTED = "exported", _("Trích xuất dữ liệu của một người")
    PSEUDONYMISED = "pseudonymised", _("Khử nhận dạng hồ sơ đã kết thúc")


class PrivacyEvent(models.Model):
    at = models.DateTimeField(_("lúc"))
    action = models.CharField(_("việc"), max_length=16, choices=PrivacyAction.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người thực hiện"), null=True, on_delete=models.PROTECT
    )
    actor_name = models.CharField(_("người thực hiện (tên)"), max_length=150, blank=True)
    subject_key = models.CharField(_("khoá chủ thể"), max_length=40, blank=True, db_index=True)
    count = models.PositiveIntegerField(_("số bản ghi"), default=0)
    detail = models.JSONField(_("chi tiết"), default=dict, blank=True)  # counts and dates only

    class Meta:
        verbose_name = _("việc bảo vệ dữ liệu cá nhân")
        verbose_name_plural = pgettext_lazy("plural", "việc bảo vệ dữ liệu cá nhân")

    def __str__(self) -> str:
        return f"{self.action} {self.at:%Y-%m-%d %H:%M}"
