"""A stored paper of a person (Document) and its use in a dossier (DossierDocument).

The bytes live on Django storage under `storage_name`; the row keeps what was checked when they arrived
(kind by sniffing, size, SHA-256) so every read can prove they are still the same. A Document is never
copied: reusing it in another dossier adds a DossierDocument row pointing at the same file.
Rows change only through motcua.documents.services.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .sniffing import KINDS


class Source(models.TextChoices):
    UPLOAD = "upload", _("Tải lên trực tuyến")
    SCAN = "scan", _("Số hóa tại quầy")
    RESULT = "result", _("Kết quả giải quyết")


KIND_CHOICES = [(k, k.upper()) for k in KINDS]


class Document(models.Model):
    owner_id_number = models.CharField(
        _("số định danh hoặc mã số thuế của chủ giấy tờ"),
        max_length=13,
        blank=True,
        db_index=True,
        help_text=_("Căn cước 12 chữ số; mã số thuế 10 hoặc 13 chữ số. Dùng để tái sử dụng giấy tờ."),
    )
    name = models.TextField(_("tên giấy tờ"))
    name_key = models.CharField(
        _("khóa so khớp tên"), max_length=255, blank=True, help_text=_("Tên đã bỏ dấu, bỏ chữ 'bản sao'…")
    )
    source = models.CharField(_("nguồn"), max_length=8, choices=Source.choices, default=Source.UPLOAD)
    source_dossier = models.ForeignKey(
        "dossiers.Dossier",
        verbose_name=_("hồ sơ gốc"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Hồ sơ mà giấy tờ được nộp lần đầu, hoặc hồ sơ đã cấp kết quả này."),
    )
    result = models.OneToOneField(
        "dossiers.Result",
        verbose_name=_("kết quả giải quyết"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    storage_name = models.CharField(_("đường dẫn lưu trữ"), max_length=500, unique=True)
    original_filename = models.CharField(_("tên tệp gốc"), max_length=255, blank=True)
    kind = models.CharField(_("loại tệp"), max_length=8, choices=KIND_CHOICES)
    mime_type = models.CharField(_("kiểu nội dung (MIME)"), max_length=100)
    size = models.PositiveBigIntegerField(_("dung lượng (byte)"))
    sha256 = models.CharField(_("mã kiểm tra SHA-256"), max_length=64, db_index=True)

    digitised = models.BooleanField(
        _("đã số hóa từ bản giấy"), default=False, help_text=_("Bản giấy được quét tại nơi tiếp nhận.")
    )
    digitised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người số hóa"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    digitised_at = models.DateTimeField(_("số hóa lúc"), null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tải lên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("lưu lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("giấy tờ")
        verbose_name_plural = pgettext_lazy("plural", "giấy tờ")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(digitised=False) | Q(digitised_at__isnull=False),
                name="document_digitised_has_time",
            ),
            models.CheckConstraint(condition=Q(size__gt=0), name="document_not_empty"),
        ]

    def __str__(self) -> str:
        return self.name[:80]


class DossierDocument(models.Model):
    """A document used in a dossier, for one of its procedure version's required documents."""

    dossier = models.ForeignKey(
        "dossiers.Dossier",
        verbose_name=_("hồ sơ"),
        on_delete=models.CASCADE,
        related_name="attachments",
        db_index=False,  # led by the unique (dossier, ...) index of Meta
    )
    document = models.ForeignKey(
        Document, verbose_name=_("giấy tờ"), on_delete=models.PROTECT, related_name="uses"
    )
    required_document = models.ForeignKey(
        "catalog.RequiredDocument",
        verbose_name=_("thành phần hồ sơ"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reused = models.BooleanField(
        _("tái sử dụng"), default=False, help_text=_("Giấy tờ đã có trong hệ thống, không phải nộp lại.")
    )
    attached_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người đính kèm"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    attached_at = models.DateTimeField(_("đính kèm lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("giấy tờ của hồ sơ")
        verbose_name_plural = pgettext_lazy("plural", "giấy tờ của hồ sơ")
        ordering = ["dossier", "attached_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["dossier", "document"], name="dossier_document_once"),
        ]
        indexes = [models.Index(fields=["reused", "attached_at"], name="document_reuse_idx")]

    def __str__(self) -> str:
        return f"{self.dossier_id}: {self.document}"


class ReceiptSeries(models.Model):
    """The numbers of one issuer's receipts (form 01) in one year: `last` is the last number given.

    The issuer is the service center of the reception place (its branches and points share the
    center's series) or, for a dossier received by no place, its competent agency. Numbers restart
    at 1 every year (Decree 30/2020/NĐ-CP, Art. 15)."""

    center = models.ForeignKey(
        "org.ReceptionPlace",
        verbose_name=_("trung tâm"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    agency = models.ForeignKey(
        "org.Agency",
        verbose_name=_("cơ quan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    last = models.PositiveIntegerField(_("số cuối đã cấp"), default=0)

    class Meta:
        verbose_name = _("sổ số giấy tiếp nhận")
        verbose_name_plural = pgettext_lazy("plural", "sổ số giấy tiếp nhận")
        constraints = [
            models.CheckConstraint(
                condition=Q(center__isnull=True, agency__isnull=False)
                | Q(center__isnull=False, agency__isnull=True),
                name="receipt_series_one_issuer",
            ),
            models.UniqueConstraint(fields=["center", "year"], name="receipt_series_center_year"),
            models.UniqueConstraint(fields=["agency", "year"], name="receipt_series_agency_year"),
        ]

    def __str__(self) -> str:
        return f"{self.center or self.agency} {self.year}: {self.last}"


class ReceiptNumber(models.Model):
    """The number printed after "Số:" on a dossier's receipt, given once at its first printing."""

    dossier = models.OneToOneField(
        "dossiers.Dossier", verbose_name=_("hồ sơ"), on_delete=models.CASCADE, related_name="receipt_number"
    )
    series = models.ForeignKey(
        ReceiptSeries, verbose_name=_("sổ số"), on_delete=models.PROTECT, related_name="numbers"
    )
    number = models.PositiveIntegerField(_("số"))
    issued_at = models.DateTimeField(_("cấp lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("số giấy tiếp nhận")
        verbose_name_plural = pgettext_lazy("plural", "số giấy tiếp nhận")
        constraints = [models.UniqueConstraint(fields=["series", "number"], name="receipt_number_once")]

    def __str__(self) -> str:
        return f"{self.number}/{self.series.year}"
