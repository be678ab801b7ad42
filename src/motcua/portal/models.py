"""Drafts of online dossiers, kept on the server while the citizen fills the e-form.

A draft holds what was typed (`data`) and the files already uploaded (DraftUpload → documents.Document,
sniffed and checksummed when they arrived), so a failed upload, a validation error or a reload loses
nothing. Its `key` is the idempotency key of the submission: a double click or a reload of the submit
request gives the one dossier. After submission `dossier` points at it and the draft is the record of
how the citizen wants the result delivered (the postal address).
Rows change only through motcua.portal.submission.services.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Draft(models.Model):
    key = models.UUIDField(_("mã bản nháp"), default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người dùng"),
        on_delete=models.CASCADE,
        related_name="portal_drafts",
    )
    procedure = models.ForeignKey(
        "catalog.Procedure", verbose_name=_("thủ tục"), on_delete=models.CASCADE, related_name="+"
    )
    province = models.ForeignKey(
        "units.AdministrativeUnit",
        verbose_name=_("tỉnh, thành phố"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    data = models.JSONField(_("thông tin đã nhập"), default=dict, blank=True)
    dossier = models.OneToOneField(
        "dossiers.Dossier",
        verbose_name=_("hồ sơ đã nộp"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="portal_draft",
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("bản nháp hồ sơ trực tuyến")
        verbose_name_plural = pgettext_lazy("plural", "bản nháp hồ sơ trực tuyến")
        ordering = ["-updated_at", "-id"]
        indexes = [models.Index(fields=["user", "procedure", "dossier"], name="portal_draft_user_idx")]

    def __str__(self) -> str:
        return f"{self.procedure_id} ({self.user_id})"

    @property
    def submitted(self) -> bool:
        return self.dossier_id is not None


class DraftUpload(models.Model):
    """A file uploaded for one required document of the draft (the newest one counts)."""

    draft = models.ForeignKey(
        Draft, verbose_name=_("bản nháp"), on_delete=models.CASCADE, related_name="uploads"
    )
    required_document = models.ForeignKey(
        "catalog.RequiredDocument",
        verbose_name=_("thành phần hồ sơ"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    document = models.ForeignKey(
        "documents.Document", verbose_name=_("giấy tờ"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("tải lên lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("tệp của bản nháp")
        verbose_name_plural = pgettext_lazy("plural", "tệp của bản nháp")
        ordering = ["draft", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["draft", "required_document"], name="portal_draft_upload_once")
        ]

    def __str__(self) -> str:
        return f"{self.draft_id}: {self.required_document_id}"
