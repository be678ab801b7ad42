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


# ---- maintained aggregates (ADR 0049) ---------------------------------------------------------------------
# Counters kept true by `index.aggregates.refresh` from the outbox's event stream. Dimensions are plain
# integer ids (0: none), never foreign keys: an upsert's ON CONFLICT needs no NULL in its key, and a
# counter row needs no check of thirty references on each write. `Ledger` holds each dossier's last
# contribution, so a change applies only its difference.


def _count(label):
    return models.IntegerField(label, default=0)


class DailyFigures(models.Model):
    """Per local day (Asia/Ho_Chi_Minh) and (province, commune, agency, place received, procedure version):
    the index's additive counts. Each counter counts on its own day: received on the day of reception,
    ended on the day of finishing, feedback on the day its answer is due."""

    day = models.DateField(_("ngày"))
    province = models.IntegerField(_("tỉnh"))
    commune = models.IntegerField(_("xã"))
    agency = models.IntegerField(_("cơ quan"))
    place = models.IntegerField(_("nơi tiếp nhận"))
    procedure = models.IntegerField(_("thủ tục"))
    version = models.IntegerField(_("phiên bản thủ tục"))
    received = _count(_("tiếp nhận"))
    received_online = _count(_("tiếp nhận trực tuyến"))
    received_reusing = _count(_("tiếp nhận có dùng lại dữ liệu"))
    paper_received = _count(_("tiếp nhận bản giấy"))
    paper_digitised = _count(_("bản giấy đã số hóa"))
    ended = _count(_("kết thúc"))
    ended_on_time = _count(_("kết thúc đúng hạn"))
    ended_satisfied = _count(_("kết thúc, hài lòng"))
    results = _count(_("có kết quả"))
    results_electronic = _count(_("có kết quả điện tử"))
    feedback_due = _count(_("phản ánh đến hạn trả lời"))
    feedback_on_time = _count(_("phản ánh trả lời đúng hạn"))

    class Meta:
        verbose_name = _("số liệu theo ngày")
        verbose_name_plural = _("số liệu theo ngày")
        constraints = [
            models.UniqueConstraint(
                fields=["day", "province", "commune", "agency", "place", "version"], name="index_daily_key"
            )
        ]
        indexes = [models.Index(fields=["province", "day"], name="index_daily_province_day")]

    def __str__(self):
        return f"{self.day} {self.province}/{self.commune}/{self.agency}/{self.place}/{self.version}"


class PaidDay(models.Model):
    """A dossier with fees paid on a local day (one row per dossier and day): "dossiers paid in a period"
    counts distinct dossiers, which daily sums cannot."""

    dossier = models.IntegerField(_("hồ sơ"))
    day = models.DateField(_("ngày"))
    province = models.IntegerField(_("tỉnh"))
    commune = models.IntegerField(_("xã"))
    agency = models.IntegerField(_("cơ quan"))
    place = models.IntegerField(_("nơi tiếp nhận"))
    procedure = models.IntegerField(_("thủ tục"))
    online = models.BooleanField(_("có nộp trực tuyến"), default=False)

    class Meta:
        verbose_name = _("ngày nộp phí của hồ sơ")
        verbose_name_plural = _("ngày nộp phí của hồ sơ")
        constraints = [models.UniqueConstraint(fields=["dossier", "day"], name="index_paid_key")]
        indexes = [models.Index(fields=["province", "day"], name="index_paid_province_day")]

    def __str__(self):
        return f"{self.dossier} {self.day}"


class OfficerDay(models.Model):
    """Per local day and (province, place, agency, assignee): received that day, returned that day (and
    still returned), for the supervisor's "today" figures."""

    day = models.DateField(_("ngày"))
    province = models.IntegerField(_("tỉnh"))
    place = models.IntegerField(_("nơi tiếp nhận"))
    agency = models.IntegerField(_("cơ quan"))
    assignee = models.IntegerField(_("cán bộ"))
    received = _count(_("tiếp nhận"))
    returned = _count(_("trả kết quả"))

    class Meta:
        verbose_name = _("số liệu cán bộ theo ngày")
        verbose_name_plural = _("số liệu cán bộ theo ngày")
        constraints = [
            models.UniqueConstraint(
                fields=["day", "province", "place", "agency", "assignee"], name="index_officer_day_key"
            )
        ]

    def __str__(self):
        return f"{self.day} {self.place}/{self.agency}/{self.assignee}"


class OpenFigures(models.Model):
    """The open dossiers now (every state a desk shows) per (province, place, agency, assignee, state,
    with an apology letter or not)."""

    province = models.IntegerField(_("tỉnh"))
    place = models.IntegerField(_("nơi tiếp nhận"))
    agency = models.IntegerField(_("cơ quan"))
    assignee = models.IntegerField(_("cán bộ"))
    status = models.CharField(_("trạng thái"), max_length=24)
    apology = models.BooleanField(_("có phiếu xin lỗi"))
    n = _count(_("số hồ sơ"))

    class Meta:
        verbose_name = _("hồ sơ đang mở")
        verbose_name_plural = _("hồ sơ đang mở")
        constraints = [
            models.UniqueConstraint(
                fields=["province", "place", "agency", "assignee", "status", "apology"], name="index_open_key"
            )
        ]

    def __str__(self):
        return f"{self.place}/{self.agency}/{self.assignee} {self.status}: {self.n}"


class Ledger(models.Model):
    """What one dossier adds to the counters now (its last refresh), to apply only the difference."""

    dossier = models.BigIntegerField(_("hồ sơ"), primary_key=True)
    facts = models.JSONField(_("đóng góp"), default=dict)

    class Meta:
        verbose_name = _("đóng góp của hồ sơ")
        verbose_name_plural = _("đóng góp của hồ sơ")

    def __str__(self):
        return str(self.dossier)
