"""Ratings of the service (SIPAS, see sipas.py) and feedback or complaints that officers must answer.

Rows change only through motcua.feedback.services; every change of a feedback item appends a
FeedbackEvent (who, when, what), the item's own audit trail.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


def _score(name):
    return models.PositiveSmallIntegerField(name, null=True, blank=True)


class Rating(models.Model):
    """One rating per dossier, after its result (or refusal): a 1–5 score per SIPAS factor and the
    factors the person wants improved first."""

    dossier = models.OneToOneField(
        "dossiers.Dossier", verbose_name=_("hồ sơ"), on_delete=models.CASCADE, related_name="rating"
    )
    rater = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người đánh giá"), on_delete=models.PROTECT, related_name="+"
    )
    access = _score(_("tiếp cận dịch vụ"))
    procedure = _score(_("thủ tục hành chính"))
    officer = _score(_("cán bộ, công chức"))
    result = _score(_("kết quả giải quyết"))
    handling = _score(_("tiếp nhận, xử lý góp ý, phản ánh"))
    improve = models.JSONField(_("cần cải thiện nhất"), default=list, blank=True)
    comment = models.TextField(_("ý kiến thêm"), blank=True)
    created_at = models.DateTimeField(_("đánh giá lúc"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("đánh giá mức độ hài lòng")
        verbose_name_plural = pgettext_lazy("plural", "đánh giá mức độ hài lòng")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(access__gte=1, access__lte=5)
                & Q(procedure__gte=1, procedure__lte=5)
                & Q(officer__gte=1, officer__lte=5)
                & Q(result__gte=1, result__lte=5)
                & (Q(handling__isnull=True) | Q(handling__gte=1, handling__lte=5)),
                name="rating_scores_1_to_5",
            )
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id}"

    def scores(self) -> dict:
        return {
            code: getattr(self, code) for code in ("access", "procedure", "officer", "result", "handling")
        }


class FeedbackKind(models.TextChoices):
    FEEDBACK = "feedback", _("Góp ý, kiến nghị")
    COMPLAINT = "complaint", _("Phản ánh")


class FeedbackStatus(models.TextChoices):
    OPEN = "open", _("Chờ trả lời")
    ANSWERED = "answered", _("Đã trả lời")


class Feedback(models.Model):
    """A citizen's feedback or complaint about a dossier (answered by its agency) or about a place
    (answered by its officers), with the answer deadline computed once through the legal clock."""

    kind = models.CharField(_("loại"), max_length=10, choices=FeedbackKind.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người gửi"), on_delete=models.PROTECT, related_name="+"
    )
    dossier = models.ForeignKey(
        "dossiers.Dossier",
        verbose_name=_("hồ sơ"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="feedback",
    )
    place = models.ForeignKey(
        "org.ReceptionPlace",
        verbose_name=_("nơi tiếp nhận"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    agency = models.ForeignKey(
        "org.Agency",
        verbose_name=_("cơ quan phải trả lời"),
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
    )
    text = models.TextField(_("nội dung"))
    status = models.CharField(
        _("trạng thái"),
        max_length=10,
        choices=FeedbackStatus.choices,
        default=FeedbackStatus.OPEN,
        db_index=True,
    )
    sent_at = models.DateTimeField(_("gửi lúc"))
    due_at = models.DateTimeField(_("hạn trả lời"), db_index=True)
    answer = models.TextField(_("trả lời"), blank=True)
    answered_at = models.DateTimeField(_("trả lời lúc"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người trả lời"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    version = models.PositiveIntegerField(_("phiên bản dữ liệu"), default=1)

    class Meta:
        verbose_name = _("góp ý, phản ánh")
        verbose_name_plural = pgettext_lazy("plural", "góp ý, phản ánh")
        ordering = ["due_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(dossier__isnull=False) | Q(place__isnull=False), name="feedback_about_something"
            ),
            models.CheckConstraint(
                condition=Q(status="open") | Q(answered_at__isnull=False), name="feedback_answered_has_time"
            ),
        ]
        indexes = [models.Index(fields=["agency", "status", "due_at"], name="feedback_agency_open_idx")]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def is_open(self) -> bool:
        return self.status == FeedbackStatus.OPEN


class FeedbackEvent(models.Model):
    """The audit trail of a feedback item: sent, answered."""

    feedback = models.ForeignKey(
        Feedback, verbose_name=_("góp ý, phản ánh"), on_delete=models.CASCADE, related_name="events"
    )
    at = models.DateTimeField(_("thời điểm"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    action = models.CharField(_("thao tác"), max_length=12)
    from_status = models.CharField(_("từ trạng thái"), max_length=10, blank=True)
    to_status = models.CharField(_("sang trạng thái"), max_length=10)

    class Meta:
        verbose_name = _("lịch sử góp ý, phản ánh")
        verbose_name_plural = pgettext_lazy("plural", "lịch sử góp ý, phản ánh")
        ordering = ["feedback", "at", "id"]

    def __str__(self) -> str:
        return f"{self.feedback_id}: {self.action}"
