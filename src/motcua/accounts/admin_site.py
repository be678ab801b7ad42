"""The admin site behind the second factor (ADR 0051).

Staff whose role needs the second factor (MOTCUA_OTP_REQUIRED_ROLES, and every superuser) open no
admin page until their session passed it: the admin's own sign-in page, once the password is right,
sends them to the officers' code page (or enrolment) and back. Django's `AdminSite` otherwise; the
demo's DEBUG default (no role needs the factor) leaves it as it was."""

from __future__ import annotations

from django.contrib import admin

from . import twofactor


def _short_of_second_factor(request) -> bool:
    return twofactor.required_for(request.user) and not twofactor.is_verified(request)


class SecondFactorAdminSite(admin.AdminSite):
    def has_permission(self, request):
        return super().has_permission(request) and not _short_of_second_factor(request)

    def login(self, request, extra_context=None):
        user = request.user
        if request.method == "GET" and user.is_active and user.is_staff:
            asked = twofactor.challenge(request)
            if asked is not None:
                return asked
        return super().login(request, extra_context)
