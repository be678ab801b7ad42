"""Controlled values of dossiers with their Vietnamese labels. States come from lifecycle.py."""

from django.db import models
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _

from .lifecycle import STATES, TRANSITIONS

# Lengths of what officers and applicants type in free text (notes, reasons, one listed item): long
# enough for any real note, short enough that a page and a slip stay readable (ADR 0045).
NOTE_MAX_LENGTH = 2000
ITEM_MAX_LENGTH = 500

# The states and their labels come from the lifecycle table (one place); translated when shown.
Status = models.TextChoices(
    "Status", [(state.name, (state.value, gettext_lazy(info.label))) for state, info in STATES.items()]
)

# The tracking sheet's actions, labelled from the lifecycle table (translated when shown).
ACTION_CHOICES = [(t.action.value, gettext_lazy(t.label)) for t in TRANSITIONS.values()]


class DossierChannel(models.TextChoices):
    COUNTER = "counter", _("Trực tiếp tại quầy")
    ONLINE = "online", _("Trực tuyến")
    POSTAL = "postal", _("Qua dịch vụ bưu chính")
    HOME_VISIT = "home_visit", _("Tiếp nhận tại nhà")


# National portal channel codes (DOMAIN.md): 1 in person, 2 online, 3 postal.
PORTAL_CHANNEL = {"counter": 1, "home_visit": 1, "online": 2, "postal": 3}
# The legal clock knows counter, online and postal: a home visit counts like the counter.
CLOCK_CHANNEL = {"counter": "counter", "home_visit": "counter", "online": "online", "postal": "postal"}
# The catalog's channel terms (time limit, fee) per dossier channel.
CATALOG_CHANNEL = {"counter": "in_person", "home_visit": "in_person", "online": "online", "postal": "postal"}


class ApplicantKind(models.TextChoices):
    PERSON = "person", _("Cá nhân")
    ORGANISATION = "organisation", _("Tổ chức, doanh nghiệp")


class Sex(models.TextChoices):
    MALE = "male", _("Nam")
    FEMALE = "female", _("Nữ")


class Delivery(models.TextChoices):
    COUNTER = "counter", _("Nhận tại nơi nộp hồ sơ")
    POSTAL = "postal", _("Qua dịch vụ bưu chính")
    ONLINE = "online", _("Nhận bản điện tử")


class Decision(models.TextChoices):
    APPROVED = "approved", _("Phê duyệt")
    REFUSED = "refused", _("Từ chối")


class SupplementMode(models.TextChoices):
    RESTART = "restart", _("Tính lại từ đầu")
    RESUME = "resume", _("Tính tiếp thời gian còn lại")


class PauseKind(models.TextChoices):
    SUPPLEMENT = "supplement", _("Chờ bổ sung hồ sơ")


class PaymentKind(models.TextChoices):
    FEE = "fee", _("Phí")
    CHARGE = "charge", _("Lệ phí")


class PaymentStatus(models.TextChoices):
    DUE = "due", _("Phải nộp")
    PAID = "paid", _("Đã nộp")
    WAIVED = "waived", _("Miễn")


class PaymentMethod(models.TextChoices):
    CASH = "cash", _("Tiền mặt")
    TRANSFER = "transfer", _("Chuyển khoản")
    ONLINE = "online", _("Thanh toán trực tuyến")


class SlipKind(models.TextChoices):
    COMPLETION_GUIDANCE = "guidance", _("Hướng dẫn bổ sung, hoàn thiện hồ sơ (mẫu 02)")
    REFUSAL = "refusal", _("Từ chối tiếp nhận hồ sơ (mẫu 03)")
