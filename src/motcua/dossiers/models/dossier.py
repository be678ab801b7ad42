"""The dossier (hồ sơ) and the people on it: the applicant and, when someone else files, the submitter.

Rows change only through motcua.dossiers.services (one transaction, the dossier row locked, `version`
checked and incremented, a tracking entry and an outbox event written with every change).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from motcua.core.masking import mask_id, mask_phone

from ..choices import ApplicantKind, Decision, Delivery, DossierChannel, Sex, Status

# Every status a dossier can still leave (the workspace queues list only these).
OPEN_STATUSES = [
    Status.PENDING_ACCEPTANCE,
    Status.RECEIVED,
    Status.IN_PROGRESS,
    Status.SUPPLEMENT_REQUESTED,
    Status.APPROVED,
    Status.RESULT_READY,
    Status.REFUSED,
]

COMMUNES = {"level": "commune", "valid_to__isnull": True}


class Dossier(models.Model):
    code = models.CharField(
        _("mã hồ sơ"),
        max_length=40,
        help_text=_("Mã định danh cơ quan + ngày tiếp nhận + số thứ tự, ví dụ 000.00.12.H62-201105-0004."),
    )
    procedure = models.ForeignKey(
        "catalog.Procedure", verbose_name=_("thủ tục"), on_delete=models.PROTECT, related_name="dossiers"
    )
    procedure_version = models.ForeignKey(
        "catalog.ProcedureVersion",
        verbose_name=_("phiên bản thủ tục"),
        on_delete=models.PROTECT,
        related_name="dossiers",
        help_text=_("Phiên bản có hiệu lực lúc tiếp nhận; không đổi về sau."),
    )
    document_case = models.ForeignKey(
        "catalog.DocumentCase",
        verbose_name=_("trường hợp hồ sơ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    province = models.ForeignKey(
        "units.AdministrativeUnit",
        verbose_name=_("tỉnh, thành phố"),
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,  # led by a composite index (Meta): an index of its own would only cost writes
    )
    channel = models.CharField(_("hình thức nộp"), max_length=12, choices=DossierChannel.choices)
    status = models.CharField(_("trạng thái"), max_length=24, choices=Status.choices)
    version = models.PositiveIntegerField(
        _("phiên bản dữ liệu"), default=1, help_text=_("Tăng sau mỗi thay đổi; dùng để phát hiện xung đột.")
    )

    # Where and by whom it was received.
    received_place = models.ForeignKey(
        "org.ReceptionPlace",
        verbose_name=_("nơi tiếp nhận"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="dossiers",
        db_index=False,  # led by a composite index (Meta): an index of its own would only cost writes
    )
    counter = models.ForeignKey(
        "org.Counter",
        verbose_name=_("quầy"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cán bộ tiếp nhận"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản người nộp trực tuyến"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="own_dossiers",
    )

    # Who decides it.
    agency = models.ForeignKey(
        "org.Agency",
        verbose_name=_("cơ quan giải quyết"),
        on_delete=models.PROTECT,
        related_name="dossiers",
        db_index=False,  # led by a composite index (Meta): an index of its own would only cost writes
    )
    commune = models.ForeignKey(
        "units.AdministrativeUnit",
        verbose_name=_("xã, phường, đặc khu giải quyết"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to=COMMUNES,
        db_index=False,  # led by a composite index (Meta): an index of its own would only cost writes
    )

    # The clock.
    submitted_at = models.DateTimeField(_("nộp trực tuyến lúc"), null=True, blank=True)
    acceptance_due_at = models.DateTimeField(_("hạn tiếp nhận hồ sơ trực tuyến"), null=True, blank=True)
    received_at = models.DateTimeField(_("tiếp nhận lúc"), null=True, blank=True, db_index=True)
    clock_started_at = models.DateTimeField(_("bắt đầu tính thời hạn"), null=True, blank=True)
    due_at = models.DateTimeField(
        _("hạn giải quyết"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("Trống: không quy định thời hạn."),
    )
    appointment_at = models.DateTimeField(
        _("hẹn trả kết quả"), null=True, blank=True, help_text=_("Bằng hạn giải quyết, trừ khi đã hẹn lại.")
    )
    paused_at = models.DateTimeField(_("tạm dừng tính thời hạn từ"), null=True, blank=True)
    time_limit_text = models.CharField(_("thời hạn giải quyết"), max_length=100, blank=True)

    # Processing.
    current_step = models.ForeignKey(
        "dossiers.DossierStep",
        verbose_name=_("bước hiện tại"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người đang xử lý"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assigned_dossiers",
        db_index=False,  # led by a composite index (Meta): an index of its own would only cost writes
    )
    supplement_count = models.PositiveSmallIntegerField(_("số lần yêu cầu bổ sung"), default=0)
    decision = models.CharField(_("quyết định"), max_length=10, choices=Decision.choices, blank=True)
    decision_reason = models.TextField(_("lý do, nội dung quyết định"), blank=True)
    decided_at = models.DateTimeField(_("quyết định lúc"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người quyết định"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    finished_at = models.DateTimeField(
        _("kết thúc lúc"),
        null=True,
        blank=True,
        help_text=_("Lần đầu có kết quả, từ chối, không tiếp nhận, rút hoặc dừng xử lý."),
    )

    # The result going back to the applicant.
    result_delivery = models.CharField(
        _("hình thức nhận kết quả"), max_length=10, choices=Delivery.choices, default=Delivery.COUNTER
    )
    returned_at = models.DateTimeField(_("trả kết quả lúc"), null=True, blank=True)
    return_method = models.CharField(
        _("cách trả kết quả"), max_length=10, choices=Delivery.choices, blank=True
    )
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cán bộ trả kết quả"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    applicant_name_folded = models.CharField(
        _("họ tên người yêu cầu không dấu"),
        max_length=200,
        blank=True,
        editable=False,
        help_text=_("Họ tên viết thường, bỏ dấu (cả chữ đ), để tìm kiếm; ghi lúc tạo hồ sơ."),
    )

    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("hồ sơ")
        verbose_name_plural = pgettext_lazy("plural", "hồ sơ")
        ordering = ["-received_at", "-id"]
        indexes = [
            models.Index(fields=["status"], name="dossier_status_idx"),
            # The workspace queues filter by place or agency and status and sort by the due moment.
            models.Index(fields=["agency", "status", "due_at"], name="dossier_agency_due_idx"),
            models.Index(fields=["received_place", "status", "due_at"], name="dossier_place_due_idx"),
            models.Index(fields=["province", "status", "due_at"], name="dossier_province_due_idx"),
            models.Index(fields=["commune", "status"], name="dossier_commune_status_idx"),
            models.Index(fields=["assignee", "status"], name="dossier_assignee_status_idx"),
            models.Index(fields=["province", "received_at"], name="dossier_province_received_idx"),
            # The open few of a million, in due order: a supervisor's (province-wide) late, supplement
            # and return queues walk it instead of skipping the returned dossiers of the due_at index.
            models.Index(
                fields=["due_at", "id"],
                name="dossier_open_due_idx",
                condition=models.Q(status__in=OPEN_STATUSES),
            ),
            # One per queue of a province-wide list (ADR 0018): the supervisor's rule is an OR of the
            # province and the user's own dossiers, so PostgreSQL walks an index in due order and checks
            # each row; in these only the queue's own states are walked, not every open dossier.
            models.Index(
                fields=["due_at", "id"],
                name="dossier_running_due_idx",
                condition=models.Q(status__in=[Status.RECEIVED, Status.IN_PROGRESS, Status.APPROVED]),
            ),
            models.Index(
                fields=["due_at", "id"],
                name="dossier_supplement_due_idx",
                condition=models.Q(status=Status.SUPPLEMENT_REQUESTED),
            ),
            models.Index(
                fields=["due_at", "id"],
                name="dossier_to_return_due_idx",
                condition=models.Q(status__in=[Status.RESULT_READY, Status.REFUSED]),
            ),
            models.Index(
                fields=["acceptance_due_at", "id"],
                name="dossier_to_accept_idx",
                condition=models.Q(status=Status.PENDING_ACCEPTANCE),
            ),
            # A reception desk's "received today": the officer's places, then the reception moment.
            models.Index(fields=["received_place", "received_at"], name="dossier_place_received_idx"),
            # Name search matches any part of the folded name: a trigram GIN index on PostgreSQL, made
            # by migration 0008 (not declared here: SQLite has no GIN), replaces the prefix indexes.
        ]
        constraints = [
            # A constraint, not unique=True: no LIKE twin of the index on PostgreSQL (codes are looked
            # up by equality).
            models.UniqueConstraint(fields=["code"], name="dossier_code_unique"),
            models.CheckConstraint(condition=models.Q(status__in=Status.values), name="dossier_status_valid"),
            models.CheckConstraint(condition=models.Q(version__gte=1), name="dossier_version_positive"),
        ]

    def __str__(self) -> str:
        return self.code

    def __repr__(self) -> str:
        return f"<Dossier {self.code} {self.status} v{self.version}>"


class PersonFields(models.Model):
    """What identifies a person on a dossier, as declared (a snapshot, never shared between dossiers)."""

    full_name = models.CharField(_("họ và tên"), max_length=200)
    id_number = models.CharField(
        _("số định danh cá nhân"),
        max_length=12,
        blank=True,
        help_text=_("Căn cước: 12 chữ số."),
    )
    birth_date = models.DateField(_("ngày sinh"), null=True, blank=True)
    sex = models.CharField(_("giới tính"), max_length=6, choices=Sex.choices, blank=True)
    phone = models.CharField(_("số điện thoại"), max_length=15, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    address = models.CharField(_("địa chỉ"), max_length=300, blank=True)
    commune = models.ForeignKey(
        "units.AdministrativeUnit",
        verbose_name=_("xã, phường, đặc khu nơi cư trú"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to=COMMUNES,
    )

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.full_name

    def __repr__(self) -> str:
        return (
            f"<{type(self).__name__} {self.full_name!r} id={mask_id(self.id_number)} "
            f"phone={mask_phone(self.phone)}>"
        )

    @property
    def id_number_masked(self) -> str:
        """What pages show by default; the full number only through the logged "show" action (ADR 0053)."""
        return mask_id(self.id_number)


class Applicant(PersonFields):
    """Người yêu cầu: a person, or an organisation (name in `full_name`) with its representative."""

    dossier = models.OneToOneField(
        Dossier, verbose_name=_("hồ sơ"), on_delete=models.CASCADE, related_name="applicant"
    )
    kind = models.CharField(
        _("loại người yêu cầu"), max_length=12, choices=ApplicantKind.choices, default=ApplicantKind.PERSON
    )
    tax_code = models.CharField(_("mã số thuế"), max_length=14, blank=True)
    representative_name = models.CharField(_("người đại diện"), max_length=200, blank=True)
    representative_title = models.CharField(_("chức vụ người đại diện"), max_length=100, blank=True)
    representative_id_number = models.CharField(_("số định danh người đại diện"), max_length=12, blank=True)

    class Meta:
        verbose_name = _("người yêu cầu")
        verbose_name_plural = pgettext_lazy("plural", "người yêu cầu")
        # Searched by equality only: plain btrees, without the LIKE twins db_index makes on PostgreSQL.
        indexes = [
            models.Index(fields=["id_number"], name="applicant_id_number_idx"),
            models.Index(fields=["phone"], name="applicant_phone_idx"),
            models.Index(fields=["tax_code"], name="applicant_tax_code_idx"),
        ]


class Submitter(PersonFields):
    """Người nộp: whoever hands the dossier in for the applicant (an authorised person, a relative)."""

    dossier = models.OneToOneField(
        Dossier, verbose_name=_("hồ sơ"), on_delete=models.CASCADE, related_name="submitter"
    )
    relation = models.CharField(
        _("quan hệ với người yêu cầu"), max_length=100, blank=True, help_text=_("Ví dụ: người được ủy quyền.")
    )
    authorisation = models.CharField(_("giấy ủy quyền"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("người nộp hồ sơ")
        verbose_name_plural = pgettext_lazy("plural", "người nộp hồ sơ")
        indexes = [
            models.Index(fields=["id_number"], name="submitter_id_number_idx"),
            models.Index(fields=["phone"], name="submitter_phone_idx"),
        ]
