"""Template helpers of the citizen portal."""

from django import template
from django.conf import settings

register = template.Library()


def payments_app() -> bool:
    return "motcua.payments" in settings.INSTALLED_APPS


@register.simple_tag
def payments_installed() -> bool:
    """The payments app's box (payments/_pay_button.html: fees due, pay button, receipts) exists only
    when the app is installed; without it the dossier page lists the fees and their status itself."""
    return payments_app()


@register.filter
def money(value) -> str:
    """100000 → "100.000 đồng" (grouped in the active language)."""
    from motcua.catalog.display import amount

    return amount(int(value or 0))
