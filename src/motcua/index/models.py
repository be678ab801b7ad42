"""Weekly ranking snapshots of the Decision 766 index: what each unit scored in a week and its rank, kept
so that rank changes and history read from rows, not from a recomputation of old weeks."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class UnitKind(models.TextChoices):
    PROVINCE = "province", _("Tỉnh, thành phố")
    COMMUNE = "commune", _("Xã, phường, đặc khu")
    AGENCY = "agency", _("Cơ quan giải quyết")
    BRANCH = "branch", _("Chi nhánh")


class RankingSnapshot(models.Model):
    week = models.DateField(_("tuần (thứ Hai)"))
    kind = models.CharField(_("loại đơn vị"), max_length=10, choices=UnitKind.choices)
    unit_id = models.BigIntegerField(_("mã nội bộ đơn vị"))
    code = models.CharField(_("mã đơn vị"), max_length=40, blank=True)
    name = models.CharField(_("tên đơn vị"), max_length=250, blank=True)
    total = models.FloatField(_("điểm đạt"), null=True, blank=True)
    max = models.FloatField(_("điểm tối đa đo được"))
    scaled = models.FloatField(_("điểm quy đổi thang 100"), null=True, blank=True)
    rank = models.PositiveIntegerField(_("thứ hạng"), null=True, blank=True)
    previous_rank = models.PositiveIntegerField(_("thứ hạng tuần trước"), null=True, blank=True)
    detail = models.JSONField(_("chi tiết theo nhóm, tiêu chí"), default=dict)
    created_at = models.DateTimeField(_("lập lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("bảng xếp hạng tuần")
        verbose_name_plural = pgettext_lazy("plural", "bảng xếp hạng tuần")
        ordering = ["-week", "kind", "rank", "name"]
        constraints = [
            models.UniqueConstraint(fields=["week", "kind", "unit_id"], name="index_snapshot_unique"),
        ]
        indexes = [models.Index(fields=["kind", "unit_id", "week"], name="index_snapshot_unit_idx")]

    def __str__(self) -> str:
        return f"{self.week} {self.kind} {self.code}"

    @property
    def change(self) -> int | None:
        """Places gained since the week before (positive: up), None when either week has no rank."""
        if self.rank is None or self.previous_rank is None:
            return None
        return self.previous_rank - self.rank
