from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .procedure import Procedure, ProcedureVersion


class CatalogAuditLog(models.Model):
    """Append-only: who changed what in the catalog, when. Written by the services only."""

    at = models.DateTimeField(_("thời điểm"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("thao tác"), max_length=32)
    procedure = models.ForeignKey(
        Procedure,
        verbose_name=_("thủ tục"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    version = models.ForeignKey(
        ProcedureVersion,
        verbose_name=_("phiên bản"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_entries",
    )
    version_number = models.PositiveIntegerField(_("phiên bản số"), null=True, blank=True)
    details = models.JSONField(_("chi tiết"), default=dict, blank=True)

    class Meta:
        verbose_name = _("nhật ký danh mục thủ tục")
        verbose_name_plural = pgettext_lazy("plural", "nhật ký danh mục thủ tục")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action}"
