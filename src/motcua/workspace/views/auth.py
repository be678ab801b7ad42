"""Sign-in and sign-out of officers (Django's auth, the workspace's own pages), and the second factor:
enrolment of an authenticator app (a QR code drawn here) and the code asked once per session (ADR 0044)."""

import segno
from django import forms
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from motcua.accounts import twofactor
from motcua.accounts.decorators import STAFF_LOGIN_URL
from motcua.accounts.models import SecondFactorEvent
from motcua.core.clientip import client_ip


class SignIn(auth_views.LoginView):
    officer_page = True  # the officers' bar (motcua/navigation.py)
    template_name = "workspace/login.html"
    redirect_authenticated_user = True
    next_page = reverse_lazy("workspace:home")


class SignOut(auth_views.LogoutView):
    officer_page = True
    next_page = reverse_lazy("workspace:login")


class CodeForm(forms.Form):
    token = forms.RegexField(
        label=gettext_lazy("Mã xác thực (6 chữ số)"),
        regex=r"^\s*[0-9]{6}\s*$",
        max_length=12,
        error_messages={
            "required": gettext_lazy("Hãy nhập mã 6 chữ số đang hiện trong ứng dụng xác thực."),
            "invalid": gettext_lazy("Mã xác thực gồm đúng 6 chữ số."),
        },
    )


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse("workspace:home")


def _event(request, kind):
    SecondFactorEvent.objects.create(user=request.user, kind=kind, address=client_ip(request) or None)


def _check(request, form, device) -> bool:
    """The code against the device; django-otp slows repeated wrong codes down (its throttling)."""
    if not form.is_valid():
        return False
    allowed, _why = device.verify_is_allowed()
    if allowed and device.verify_token(form.cleaned_data["token"].strip()):
        return True
    _event(request, SecondFactorEvent.Kind.FAILED)
    form.add_error(
        "token",
        _("Mã xác thực không đúng hoặc đã hết hạn. Hãy nhập mã mới nhất trong ứng dụng.")
        if allowed
        else _("Nhập sai quá nhiều lần. Hãy đợi một lúc rồi thử lại."),
    )
    return False


def _officer_page(view):
    view.officer_page = True
    return view


@_officer_page
@login_required(login_url=STAFF_LOGIN_URL)
@require_http_methods(["GET", "POST"])
def otp_enrol(request):
    """Enrolment: the key as a QR code and as text; the first right code confirms the device."""
    if twofactor.confirmed_device(request.user):
        return redirect(f"{reverse('workspace:otp-verify')}?next={_next(request)}")
    device = twofactor.pending_device(request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and _check(request, form, device):
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        twofactor.mark_verified(request, device)
        _event(request, SecondFactorEvent.Kind.ENROLLED)
        return redirect(_next(request))
    qr = segno.make(device.config_url, error="m").svg_inline(
        scale=4, dark="#1d2430", title=_("Mã QR đăng ký ứng dụng xác thực")
    )
    context = {"form": form, "qr": qr, "secret": twofactor.secret_base32(device), "next": _next(request)}
    return render(request, "workspace/otp_enrol.html", context, status=400 if form.errors else 200)


@_officer_page
@login_required(login_url=STAFF_LOGIN_URL)
@require_http_methods(["GET", "POST"])
def otp_verify(request):
    device = twofactor.confirmed_device(request.user)
    if device is None:
        return redirect(f"{reverse('workspace:otp-enrol')}?next={_next(request)}")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and _check(request, form, device):
        twofactor.mark_verified(request, device)
        _event(request, SecondFactorEvent.Kind.VERIFIED)
        return redirect(_next(request))
    context = {"form": form, "next": _next(request)}
    return render(request, "workspace/otp_verify.html", context, status=400 if form.errors else 200)
