"""A simulation run: its parameters (which make it reproducible), how far it got, and its summary.

Re-running the same parameters finds the run and continues it: dossiers already created are found by
their idempotency keys, events already applied by the dossier's version (see driver.py)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class SimulationRun(models.Model):
    key = models.CharField(_("khóa lượt mô phỏng"), max_length=80, unique=True)
    province_code = models.CharField(_("mã tỉnh"), max_length=2)
    seed = models.CharField(_("hạt giống"), max_length=40)
    start = models.DateField(_("từ ngày"))
    days = models.PositiveIntegerField(_("số ngày"))
    dossiers = models.PositiveIntegerField(_("số hồ sơ"))
    mix = models.CharField(_("kịch bản"), max_length=20)
    mode = models.CharField(_("cách ghi"), max_length=10, default="services")
    until = models.DateTimeField(
        _("hồ sơ đến trước"), null=True, blank=True, help_text=_("Trống: hết khoảng thời gian mô phỏng.")
    )
    horizon = models.DateTimeField(_("đã chạy đến"), null=True, blank=True)
    events_applied = models.PositiveIntegerField(_("số sự kiện đã thực hiện"), default=0)
    summary = models.JSONField(_("tổng hợp"), default=dict, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("lượt mô phỏng")
        verbose_name_plural = pgettext_lazy("plural", "lượt mô phỏng")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.key

    def idempotency_key(self, index: int) -> str:
        return f"sim:{self.key}:{index}"
