"""What a version says, row by row: channels with time limit and fee, documents per case, results,
legal basis and the internal process template. Rows belong to one version and change only with it."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .choices import AgencyKind, Channel, FeeKind, TimeUnit
from .procedure import ProcedureVersion


class ChannelTerm(models.Model):
    """One row of "Cách thức thực hiện": a channel with its time limit and fee. A channel may have several
    rows when the source gives different limits for different cases (kept in source order)."""

    version = models.ForeignKey(
        ProcedureVersion, verbose_name=_("phiên bản"), on_delete=models.CASCADE, related_name="channel_terms"
    )
    channel = models.CharField(_("hình thức nộp"), max_length=12, choices=Channel.choices)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    time_value = models.DecimalField(_("thời hạn"), max_digits=8, decimal_places=2, null=True, blank=True)
    time_unit = models.CharField(
        _("đơn vị thời hạn"), max_length=16, choices=TimeUnit.choices, default=TimeUnit.UNKNOWN
    )
    time_text = models.CharField(_("thời hạn (nguyên văn)"), max_length=500, blank=True)
    fee_kind = models.CharField(
        _("loại phí"), max_length=10, choices=FeeKind.choices, default=FeeKind.UNKNOWN
    )
    fee_amount = models.PositiveBigIntegerField(_("mức thu"), null=True, blank=True)
    fee_currency = models.CharField(_("đơn vị tiền"), max_length=3, default="VND")
    fee_text = models.TextField(_("phí, lệ phí (nguyên văn)"), blank=True)
    # Per-page or per-copy tiers read from the fee note: [{"label": "từ trang thứ 3", "amount": 1000}].
    fee_tiers = models.JSONField(_("bậc phí"), default=list, blank=True)
    # A fee that changes over time is several rows of one channel, each with its window (both ends
    # inclusive, empty = open); a dossier is charged by the row whose window holds its submission date.
    valid_from = models.DateField(_("áp dụng từ ngày"), null=True, blank=True)
    valid_until = models.DateField(_("áp dụng đến hết ngày"), null=True, blank=True)
    # Where the time unit came from when the cell lost it: description, legal_basis, other_channel, curated.
    time_source = models.CharField(_("nguồn đơn vị thời hạn"), max_length=16, blank=True)
    description = models.TextField(_("mô tả"), blank=True)

    class Meta:
        verbose_name = _("hình thức nộp")
        verbose_name_plural = _("hình thức nộp, thời hạn và phí")
        ordering = ["version", "position"]

    def __str__(self) -> str:
        return f"{self.get_channel_display()}: {self.time_value or ''} {self.get_time_unit_display()}"

    def applies_on(self, day) -> bool:
        """Whether a dossier submitted on `day` is charged by this row (window ends inclusive)."""
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_until is None or day <= self.valid_until
        )


class DocumentCase(models.Model):
    """A case (trường hợp) grouping required documents; documents without a case apply to all."""

    version = models.ForeignKey(
        ProcedureVersion, verbose_name=_("phiên bản"), on_delete=models.CASCADE, related_name="cases"
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    title = models.TextField(_("trường hợp"))

    class Meta:
        verbose_name = _("trường hợp hồ sơ")
        verbose_name_plural = pgettext_lazy("plural", "trường hợp hồ sơ")
        ordering = ["version", "position"]

    def __str__(self) -> str:
        return self.title[:80]


class RequiredDocument(models.Model):
    version = models.ForeignKey(
        ProcedureVersion, verbose_name=_("phiên bản"), on_delete=models.CASCADE, related_name="documents"
    )
    case = models.ForeignKey(
        DocumentCase,
        verbose_name=_("trường hợp"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="documents",
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    name = models.TextField(_("tên giấy tờ"))
    originals = models.PositiveSmallIntegerField(_("số bản chính"), default=0)
    copies = models.PositiveSmallIntegerField(_("số bản sao"), default=0)
    required = models.BooleanField(_("bắt buộc"), default=True)
    # "Trường hợp trẻ em bị bỏ rơi": the paper is asked for only then (such a paper is never required).
    condition = models.TextField(_("điều kiện áp dụng"), blank=True)
    # Papers of one version sharing a non-empty group key are alternatives: the applicant hands in one.
    one_of = models.CharField(_("nhóm thay thế"), max_length=32, blank=True)
    # "Giấy tờ phải xuất trình": shown to the officer, checked and handed back, never kept in the dossier.
    presented = models.BooleanField(_("chỉ xuất trình"), default=False)
    template_name = models.CharField(_("tên tệp mẫu đơn, tờ khai"), max_length=500, blank=True)
    template = models.FileField(_("tệp mẫu đơn, tờ khai"), upload_to="catalog/templates/", blank=True)

    class Meta:
        verbose_name = _("thành phần hồ sơ")
        verbose_name_plural = pgettext_lazy("plural", "thành phần hồ sơ")
        ordering = ["version", "position"]

    def __str__(self) -> str:
        return self.name[:80]


class ProcedureNote(models.Model):
    """A "Lưu ý" row, or a row of the documents list that is advice rather than a paper (0 originals,
    0 copies): shown to the officer, never checked off."""

    version = models.ForeignKey(
        ProcedureVersion, verbose_name=_("phiên bản"), on_delete=models.CASCADE, related_name="notes"
    )
    case = models.ForeignKey(
        DocumentCase,
        verbose_name=_("trường hợp"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notes",
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    text = models.TextField(_("nội dung lưu ý"))

    class Meta:
        verbose_name = _("lưu ý")
        verbose_name_plural = pgettext_lazy("plural", "lưu ý")
        ordering = ["version", "position"]

    def __str__(self) -> str:
        return self.text[:80]


class ProcedureResult(models.Model):
    version = models.ForeignKey(
        ProcedureVersion, verbose_name=_("phiên bản"), on_delete=models.CASCADE, related_name="results"
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    name = models.TextField(_("tên kết quả"))
    result_code = models.CharField(_("mã kết quả"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("kết quả thực hiện")
        verbose_name_plural = pgettext_lazy("plural", "kết quả thực hiện")
        ordering = ["version", "position"]

    def __str__(self) -> str:
        return self.name[:80]


class LegalBasis(models.Model):
    version = models.ForeignKey(
        ProcedureVersion, verbose_name=_("phiên bản"), on_delete=models.CASCADE, related_name="legal_bases"
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    number = models.CharField(_("số, ký hiệu"), max_length=100, blank=True)
    title = models.TextField(_("trích yếu"))
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("căn cứ pháp lý")
        verbose_name_plural = pgettext_lazy("plural", "căn cứ pháp lý")
        ordering = ["version", "position"]

    def __str__(self) -> str:
        return self.number or self.title[:80]


class ProcessStep(models.Model):
    """Internal process template: who does what, with its share of the time limit (in percent)."""

    version = models.ForeignKey(
        ProcedureVersion, verbose_name=_("phiên bản"), on_delete=models.CASCADE, related_name="process_steps"
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    name = models.CharField(_("tên bước"), max_length=255)
    role = models.CharField(_("vai trò thực hiện"), max_length=100, blank=True)
    agency_kind = models.CharField(
        _("loại cơ quan"), max_length=24, choices=AgencyKind.choices, default=AgencyKind.UNKNOWN
    )
    time_share = models.DecimalField(_("tỷ lệ thời hạn (%)"), max_digits=5, decimal_places=2, default=0)

    class Meta:
        verbose_name = _("bước xử lý")
        verbose_name_plural = _("quy trình nội bộ")
        ordering = ["version", "position"]

    def __str__(self) -> str:
        return self.name
