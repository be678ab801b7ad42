"""Template helpers of the citizen portal."""

from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def payments_installed() -> bool:
    """The pay button (payments/_pay_button.html, URL payments:start) exists only when the payments app
    is installed; the dossier page shows the fee and its status either way."""
    return "motcua.payments" in settings.INSTALLED_APPS


@register.filter
def money(value) -> str:
    """100000 → "100.000 đồng" (grouped in the active language)."""
    from motcua.portal.catalog_display import amount

    return amount(int(value or 0))
