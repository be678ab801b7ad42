from django import template

register = template.Library()


@register.inclusion_tag("notifications/_badge.html")
def notifications_badge():
    """The inbox link; its unread count is fetched by badge.js, so that no workspace page pays a query
    for it (the pages' query budgets, ADR 0019)."""
    return {}
