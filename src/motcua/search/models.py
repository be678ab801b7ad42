"""The search index: one row per procedure, built from its version in force (see services.reindex).

The full-text indexes live next to this table and are kept in step by the database itself: an FTS5
virtual table with triggers on SQLite, a generated tsvector column with a GIN index on PostgreSQL
(migration 0002). Text is folded in Python (motcua.core.text.fold) so both engines see the same words.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ProcedureSearchDocument(models.Model):
    procedure = models.OneToOneField(
        "catalog.Procedure",
        verbose_name=_("thủ tục"),
        on_delete=models.CASCADE,
        related_name="search_document",
    )
    version = models.ForeignKey(
        "catalog.ProcedureVersion",
        verbose_name=_("phiên bản được lập chỉ mục"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    code = models.CharField(_("mã thủ tục"), max_length=32, db_index=True)
    name = models.TextField(_("tên thủ tục"))
    field_name = models.CharField(_("lĩnh vực"), max_length=255, blank=True)
    levels = models.CharField(_("cấp thực hiện"), max_length=64, blank=True)
    valid_to = models.DateField(_("hết hiệu lực từ"), null=True, blank=True)
    name_folded = models.TextField(_("tên (không dấu)"))
    field_folded = models.TextField(_("lĩnh vực (không dấu)"), blank=True)
    documents_folded = models.TextField(_("thành phần hồ sơ (không dấu)"), blank=True)
    passage_hash = models.CharField(_("mã băm đoạn văn đã nhúng"), max_length=16, blank=True)
    embedding = models.BinaryField(_("vectơ ngữ nghĩa (float16)"), null=True, blank=True, editable=False)
    indexed_at = models.DateTimeField(_("lập chỉ mục lúc"), auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("chỉ mục tra cứu thủ tục")
        verbose_name_plural = pgettext_lazy("plural", "chỉ mục tra cứu thủ tục")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name[:60]}"
