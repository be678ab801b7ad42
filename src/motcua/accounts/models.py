from django.contrib.auth.models import AbstractUser
from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from motcua.core.masking import mask_id, mask_phone


class User(AbstractUser):
    """A person who signs in: staff (roles live in `org`) or a citizen (`citizen`, a CitizenProfile)."""

    full_name = models.CharField(_("họ và tên"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = pgettext_lazy("plural", "người dùng")

    def __str__(self) -> str:
        return self.full_name or self.username


class CitizenProfile(models.Model):
    """A citizen who signed in through the national identity provider (VNeID): who they are, as the
    provider asserted it at their last sign-in. One per (issuer, subject); never matched by e-mail."""

    user = models.OneToOneField(
        User, verbose_name=_("người dùng"), on_delete=models.CASCADE, related_name="citizen"
    )
    full_name = models.CharField(_("họ và tên"), max_length=200)
    personal_id = models.CharField(_("số định danh cá nhân"), max_length=12, db_index=True)
    birth_date = models.DateField(_("ngày sinh"), null=True, blank=True)
    phone = models.CharField(_("số điện thoại"), max_length=15, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    subject = models.CharField(_("mã định danh tại nhà cung cấp (sub)"), max_length=255)
    issuer = models.CharField(_("nhà cung cấp định danh (iss)"), max_length=255)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("hồ sơ công dân")
        verbose_name_plural = pgettext_lazy("plural", "hồ sơ công dân")
        constraints = [
            models.UniqueConstraint(fields=["issuer", "subject"], name="citizen_unique_issuer_subject")
        ]

    def __str__(self) -> str:
        return self.full_name

    def __repr__(self) -> str:
        return (
            f"<CitizenProfile {self.full_name!r} id={mask_id(self.personal_id)} "
            f"phone={mask_phone(self.phone)}>"
        )


class CitizenEvent(models.Model):
    """The audit trail of a citizen account: created, changed (which fields) at a sign-in."""

    class Kind(models.TextChoices):
        CREATED = "created", _("tạo tài khoản")
        UPDATED = "updated", _("cập nhật thông tin")

    profile = models.ForeignKey(
        CitizenProfile, verbose_name=_("hồ sơ công dân"), on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(_("loại"), max_length=16, choices=Kind.choices)
    fields = models.JSONField(_("trường thay đổi"), default=list, blank=True)
    at = models.DateTimeField(_("lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("sự kiện tài khoản công dân")
        verbose_name_plural = pgettext_lazy("plural", "sự kiện tài khoản công dân")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.at:%Y-%m-%d %H:%M}"


class Session(AbstractBaseSession):
    """Django's database session with the signed-in user as a column of its own: every request reads
    the session and its user in one statement (accounts/sessions.py), and a user's sessions can be found
    (and go with the user)."""

    user = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.CASCADE, related_name="+", verbose_name=_("người dùng")
    )

    class Meta(AbstractBaseSession.Meta):
        db_table = "accounts_session"

    @classmethod
    def get_session_store_class(cls):
        from .sessions import SessionStore

        return SessionStore


class SecondFactorEvent(models.Model):
    """The audit of officers' second factor (password sign-ins are in django-axes' access logs): an
    enrolment, a verified code, a wrong code, with the time and the client address (core.clientip)."""

    class Kind(models.TextChoices):
        ENROLLED = "enrolled", _("đăng ký xác thực hai bước")
        VERIFIED = "verified", _("xác thực hai bước thành công")
        FAILED = "failed", _("mã xác thực sai")

    user = models.ForeignKey(
        User, verbose_name=_("người dùng"), on_delete=models.CASCADE, related_name="second_factor_events"
    )
    kind = models.CharField(_("loại"), max_length=16, choices=Kind.choices)
    address = models.GenericIPAddressField(_("địa chỉ"), null=True, blank=True)
    at = models.DateTimeField(_("lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("sự kiện xác thực hai bước")
        verbose_name_plural = pgettext_lazy("plural", "sự kiện xác thực hai bước")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.user} {self.get_kind_display()} {self.at:%Y-%m-%d %H:%M}"
