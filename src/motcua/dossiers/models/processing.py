"""What happens to a dossier: its steps with their due moments, the documents checked at reception,
supplement requests and clock pauses, apology letters, fees and results. Written by the services only."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ..choices import Decision, PauseKind, PaymentKind, PaymentMethod, PaymentStatus, SupplementMode
from .dossier import Dossier


def _user(verbose_name, related_name="+", null=True):
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        null=null,
        blank=null,
        on_delete=models.PROTECT,
        related_name=related_name,
    )


class DossierStep(models.Model):
    """One step of the internal process (from the version's ProcessStep rows, or the default steps)."""

    dossier = models.ForeignKey(
        Dossier,
        verbose_name=_("hồ sơ"),
        on_delete=models.CASCADE,
        related_name="steps",
        db_index=False,  # led by the unique (dossier, ...) index of Meta
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"))
    name = models.CharField(_("tên bước"), max_length=255)
    role = models.CharField(_("vai trò thực hiện"), max_length=100, blank=True)
    time_share = models.DecimalField(_("tỷ lệ thời hạn (%)"), max_digits=5, decimal_places=2, default=0)
    due_at = models.DateTimeField(_("hạn của bước"), null=True, blank=True)
    started_at = models.DateTimeField(_("bắt đầu lúc"), null=True, blank=True)
    finished_at = models.DateTimeField(_("hoàn thành lúc"), null=True, blank=True)
    assignee = _user(_("người thực hiện"))
    finished_by = _user(_("người hoàn thành"))
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("bước xử lý hồ sơ")
        verbose_name_plural = _("các bước xử lý hồ sơ")
        ordering = ["dossier", "position"]
        constraints = [
            models.UniqueConstraint(fields=["dossier", "position"], name="dossier_step_position_unique")
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.name}"


class ChecklistItem(models.Model):
    """A line of the receipt (form 01): a required document and whether it was handed in."""

    dossier = models.ForeignKey(
        Dossier, verbose_name=_("hồ sơ"), on_delete=models.CASCADE, related_name="checklist"
    )
    required_document = models.ForeignKey(
        "catalog.RequiredDocument",
        verbose_name=_("thành phần hồ sơ"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    name = models.TextField(_("tên giấy tờ"))
    required = models.BooleanField(_("bắt buộc"), default=True)
    provided = models.BooleanField(_("đã nộp"), default=False)
    originals = models.PositiveSmallIntegerField(_("số bản chính"), default=0)
    copies = models.PositiveSmallIntegerField(_("số bản sao"), default=0)

    class Meta:
        verbose_name = _("thành phần hồ sơ đã kiểm tra")
        verbose_name_plural = _("danh mục giấy tờ khi tiếp nhận")
        ordering = ["dossier", "position"]

    def __str__(self) -> str:
        return self.name[:80]


class SupplementRequest(models.Model):
    """Yêu cầu bổ sung, hoàn thiện hồ sơ during processing: at most one per dossier, all items at once."""

    dossier = models.ForeignKey(
        Dossier, verbose_name=_("hồ sơ"), on_delete=models.CASCADE, related_name="supplement_requests"
    )
    requested_at = models.DateTimeField(_("yêu cầu lúc"))
    requested_by = _user(_("người yêu cầu bổ sung"))
    items = models.JSONField(_("nội dung cần bổ sung"), default=list)
    reason = models.TextField(_("lý do"))
    received_at = models.DateTimeField(_("nhận bổ sung lúc"), null=True, blank=True)
    received_by = _user(_("người nhận bổ sung"))
    mode = models.CharField(
        _("cách tính lại thời hạn"), max_length=8, choices=SupplementMode.choices, blank=True
    )

    class Meta:
        verbose_name = _("yêu cầu bổ sung hồ sơ")
        verbose_name_plural = pgettext_lazy("plural", "yêu cầu bổ sung hồ sơ")
        ordering = ["dossier", "requested_at"]

    def __str__(self) -> str:
        return f"{self.dossier} {self.requested_at:%d/%m/%Y}"


class Pause(models.Model):
    """An interval in which the legal clock stops (waiting for the applicant's supplement)."""

    dossier = models.ForeignKey(
        Dossier, verbose_name=_("hồ sơ"), on_delete=models.CASCADE, related_name="pauses"
    )
    kind = models.CharField(_("loại"), max_length=12, choices=PauseKind.choices, default=PauseKind.SUPPLEMENT)
    started_at = models.DateTimeField(_("từ"))
    ended_at = models.DateTimeField(_("đến"), null=True, blank=True)
    supplement = models.ForeignKey(
        SupplementRequest,
        verbose_name=_("yêu cầu bổ sung"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="pauses",
    )

    class Meta:
        verbose_name = _("thời gian tạm dừng")
        verbose_name_plural = pgettext_lazy("plural", "thời gian tạm dừng")
        ordering = ["dossier", "started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["dossier"], condition=Q(ended_at__isnull=True), name="dossier_one_open_pause"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.started_at:%d/%m/%Y %H:%M} – {self.ended_at or '…'}"


class ApologyLetter(models.Model):
    """Phiếu xin lỗi và hẹn lại ngày trả kết quả (form 04): at most one per dossier."""

    dossier = models.OneToOneField(
        Dossier, verbose_name=_("hồ sơ"), on_delete=models.CASCADE, related_name="apology_letter"
    )
    agency = models.ForeignKey(
        "org.Agency", verbose_name=_("cơ quan xin lỗi"), on_delete=models.PROTECT, related_name="+"
    )
    issued_at = models.DateTimeField(_("lập lúc"))
    issued_by = _user(_("người lập"))
    reason = models.TextField(_("lý do chậm trả kết quả"))
    previous_appointment = models.DateTimeField(_("hẹn trả cũ"), null=True, blank=True)
    new_appointment = models.DateTimeField(_("hẹn trả mới"))

    class Meta:
        verbose_name = _("phiếu xin lỗi và hẹn lại")
        verbose_name_plural = pgettext_lazy("plural", "phiếu xin lỗi và hẹn lại")

    def __str__(self) -> str:
        return f"{self.dossier} → {self.new_appointment:%d/%m/%Y %H:%M}"


class Payment(models.Model):
    dossier = models.ForeignKey(
        Dossier, verbose_name=_("hồ sơ"), on_delete=models.CASCADE, related_name="payments"
    )
    kind = models.CharField(_("loại"), max_length=8, choices=PaymentKind.choices, default=PaymentKind.CHARGE)
    description = models.CharField(_("nội dung"), max_length=300, blank=True)
    amount = models.PositiveBigIntegerField(_("số tiền (đồng)"))
    status = models.CharField(
        _("trạng thái"), max_length=8, choices=PaymentStatus.choices, default=PaymentStatus.DUE
    )
    method = models.CharField(_("hình thức nộp"), max_length=10, choices=PaymentMethod.choices, blank=True)
    reference = models.CharField(_("số biên lai, mã giao dịch"), max_length=100, blank=True)
    paid_at = models.DateTimeField(_("nộp lúc"), null=True, blank=True)
    recorded_by = _user(_("người ghi nhận"))
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("phí, lệ phí")
        verbose_name_plural = pgettext_lazy("plural", "phí, lệ phí")
        ordering = ["dossier", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.amount:,} đ ({self.get_status_display()})"


class Result(models.Model):
    """Kết quả giải quyết: the document issued (or the refusal notice), with its electronic copy."""

    dossier = models.ForeignKey(
        Dossier, verbose_name=_("hồ sơ"), on_delete=models.CASCADE, related_name="results"
    )
    kind = models.CharField(_("loại"), max_length=10, choices=Decision.choices)
    title = models.CharField(_("tên kết quả"), max_length=300)
    number = models.CharField(_("số, ký hiệu"), max_length=100, blank=True)
    issued_at = models.DateTimeField(_("ban hành lúc"))
    issued_by = _user(_("người ban hành"))
    e_copy = models.FileField(_("bản điện tử"), upload_to="dossiers/results/%Y/%m/", blank=True)
    e_copy_ref = models.CharField(
        _("mã bản điện tử"),
        max_length=200,
        blank=True,
        help_text=_("Tham chiếu kho lưu trữ tài liệu điện tử."),
    )
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("kết quả giải quyết")
        verbose_name_plural = pgettext_lazy("plural", "kết quả giải quyết")
        ordering = ["dossier", "issued_at", "id"]

    def __str__(self) -> str:
        return self.title[:80]

    @property
    def has_e_copy(self) -> bool:
        return bool(self.e_copy) or bool(self.e_copy_ref)
