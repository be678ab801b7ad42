"""Append-only records of the engine: the tracking sheet, the outbox, idempotency keys, code counters,
counter slips (completion guidance and refusals that store no dossier), and processing settings."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ..choices import ACTION_CHOICES, SlipKind, Status, SupplementMode
from .dossier import Dossier


class TrackingEntry(models.Model):
    """One line of the tracking sheet (phiếu kiểm soát quá trình giải quyết hồ sơ, form 06)."""

    dossier = models.ForeignKey(
        Dossier,
        verbose_name=_("hồ sơ"),
        on_delete=models.CASCADE,
        related_name="tracking",
        db_index=False,  # led by the unique (dossier, ...) index of Meta
    )
    at = models.DateTimeField(_("thời điểm"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    actor_name = models.CharField(_("tên người thực hiện"), max_length=200, blank=True)
    action = models.CharField(_("thao tác"), max_length=24, choices=ACTION_CHOICES)
    from_status = models.CharField(_("từ trạng thái"), max_length=24, choices=Status.choices, blank=True)
    to_status = models.CharField(_("sang trạng thái"), max_length=24, choices=Status.choices)
    from_agency = models.ForeignKey(
        "org.Agency",
        verbose_name=_("bên giao"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    to_agency = models.ForeignKey(
        "org.Agency",
        verbose_name=_("bên nhận"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    step_name = models.CharField(_("bước"), max_length=255, blank=True)
    step_due_at = models.DateTimeField(_("hạn của bước"), null=True, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    details = models.JSONField(_("chi tiết"), default=dict, blank=True)
    dossier_version = models.PositiveIntegerField(_("phiên bản dữ liệu sau thay đổi"))

    class Meta:
        verbose_name = _("dòng phiếu kiểm soát")
        verbose_name_plural = _("phiếu kiểm soát quá trình giải quyết")
        ordering = ["dossier", "at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["dossier", "dossier_version"], name="dossier_tracking_one_per_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.action}"


class OutboxMessage(models.Model):
    """An event written in the same transaction as the change; `publish_outbox` delivers it.

    The one outbox of every app (settings.MOTCUA_OUTBOX_MODEL), written by the write kernel."""

    topic = models.CharField(_("chủ đề"), max_length=60)  # never filtered on: no index to keep up
    dossier = models.ForeignKey(
        Dossier, verbose_name=_("hồ sơ"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    key = models.CharField(
        _("khóa"), max_length=60, blank=True, help_text=_("Mã hồ sơ: giữ thứ tự theo hồ sơ.")
    )
    # the schema of every event (core/kernel.py, ADR 0030)
    aggregate = models.CharField(_("loại đối tượng"), max_length=30, blank=True)
    aggregate_id = models.CharField(_("mã đối tượng"), max_length=60, blank=True)
    version = models.PositiveIntegerField(_("phiên bản sau thay đổi"), null=True, blank=True)
    occurred_at = models.DateTimeField(_("xảy ra lúc"), null=True, blank=True)
    payload = models.JSONField(_("nội dung"), default=dict)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    published_at = models.DateTimeField(_("đã gửi lúc"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("số lần gửi"), default=0)
    last_error = models.TextField(_("lỗi lần gửi cuối"), blank=True)

    class Meta:
        verbose_name = _("sự kiện chờ gửi")
        verbose_name_plural = _("sự kiện (outbox)")
        ordering = ["id"]
        indexes = [
            models.Index(
                fields=["id"], condition=Q(published_at__isnull=True), name="dossier_outbox_pending_idx"
            )
        ]

    def __str__(self) -> str:
        return f"{self.topic} {self.key}"


class IdempotencyRecord(models.Model):
    """A create call's key: a retry returns the same dossier, another payload with the key is refused."""

    actor_ref = models.CharField(_("người gọi"), max_length=60)
    key = models.CharField(_("khóa chống trùng"), max_length=100)
    fingerprint = models.CharField(_("dấu vân tay yêu cầu"), max_length=64)
    dossier = models.ForeignKey(
        Dossier, verbose_name=_("hồ sơ"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("khóa chống trùng")
        verbose_name_plural = pgettext_lazy("plural", "khóa chống trùng")
        constraints = [
            models.UniqueConstraint(fields=["actor_ref", "key"], name="dossier_idempotency_unique")
        ]

    def __str__(self) -> str:
        return f"{self.actor_ref}:{self.key}"


class CodeCounter(models.Model):
    """The last sequence number handed out for a code prefix on a day (incremented under a row lock)."""

    prefix = models.CharField(_("tiền tố"), max_length=13)
    day = models.DateField(_("ngày"))
    last = models.PositiveIntegerField(_("số cuối"), default=0)

    class Meta:
        verbose_name = _("bộ đếm mã hồ sơ")
        verbose_name_plural = pgettext_lazy("plural", "bộ đếm mã hồ sơ")
        constraints = [models.UniqueConstraint(fields=["prefix", "day"], name="dossier_code_counter_unique")]

    def __str__(self) -> str:
        return f"{self.prefix} {self.day:%y%m%d} {self.last}"


class CounterSlip(models.Model):
    """A counter outcome that stores no dossier: completion guidance (form 02) or refusal (form 03)."""

    kind = models.CharField(_("loại phiếu"), max_length=10, choices=SlipKind.choices)
    issued_at = models.DateTimeField(_("lập lúc"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("cán bộ"), on_delete=models.PROTECT, related_name="+"
    )
    place = models.ForeignKey(
        "org.ReceptionPlace", verbose_name=_("nơi tiếp nhận"), on_delete=models.PROTECT, related_name="+"
    )
    counter = models.ForeignKey(
        "org.Counter",
        verbose_name=_("quầy"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    procedure_version = models.ForeignKey(
        "catalog.ProcedureVersion",
        verbose_name=_("phiên bản thủ tục"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    document_case = models.ForeignKey(
        "catalog.DocumentCase",
        verbose_name=_("trường hợp hồ sơ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    applicant_name = models.CharField(_("người yêu cầu"), max_length=200)
    applicant_id_number = models.CharField(_("số định danh cá nhân"), max_length=12, blank=True)
    applicant_phone = models.CharField(_("số điện thoại"), max_length=15, blank=True)
    items = models.JSONField(_("giấy tờ còn thiếu / lý do"), default=list)
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("phiếu hướng dẫn / từ chối tại quầy")
        verbose_name_plural = pgettext_lazy("plural", "phiếu hướng dẫn / từ chối tại quầy")
        ordering = ["-issued_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.issued_at:%d/%m/%Y %H:%M}"


class ProcessingSetting(models.Model):
    """How the clock goes on after a supplement, per province and/or procedure (empty = any).

    The most specific row wins: province + procedure, then procedure, then province, then the default
    ("restart", Decree 118/2025/NĐ-CP)."""

    province = models.ForeignKey(
        "units.AdministrativeUnit",
        verbose_name=_("tỉnh, thành phố"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        limit_choices_to={"level": "province", "valid_to__isnull": True},
    )
    procedure = models.ForeignKey(
        "catalog.Procedure",
        verbose_name=_("thủ tục"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    supplement_mode = models.CharField(
        _("sau khi bổ sung hồ sơ"),
        max_length=8,
        choices=SupplementMode.choices,
        default=SupplementMode.RESTART,
    )
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("cấu hình xử lý hồ sơ")
        verbose_name_plural = pgettext_lazy("plural", "cấu hình xử lý hồ sơ")
        constraints = [
            models.UniqueConstraint(fields=["province", "procedure"], name="dossier_setting_unique"),
            models.UniqueConstraint(
                fields=["province"],
                condition=Q(procedure__isnull=True),
                name="dossier_setting_province_unique",
            ),
            models.UniqueConstraint(
                fields=["procedure"],
                condition=Q(province__isnull=True),
                name="dossier_setting_procedure_unique",
            ),
            models.CheckConstraint(
                condition=Q(province__isnull=False) | Q(procedure__isnull=False),
                name="dossier_setting_has_target",
                violation_error_message=_(
                    "Chọn tỉnh, thủ tục hoặc cả hai (mặc định chung nằm trong mã nguồn)."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.province or '*'} / {self.procedure or '*'}: {self.supplement_mode}"


class ReferenceStamp(models.Model):
    """One row: a number bumped whenever reference data a reception reads changes (catalog, calendar,
    organisation, units). Every process compares it with the stamp its cache was built at (reference.py)."""

    value = models.BigIntegerField(_("giá trị"), default=0)

    class Meta:
        verbose_name = _("dấu phiên bản dữ liệu tham chiếu")
        verbose_name_plural = pgettext_lazy("plural", "dấu phiên bản dữ liệu tham chiếu")

    def __str__(self) -> str:
        return str(self.value)
