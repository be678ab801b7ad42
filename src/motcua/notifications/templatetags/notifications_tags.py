from django import template

from ..models import InAppNotification

register = template.Library()


@register.inclusion_tag("notifications/_badge.html", takes_context=True)
def notifications_badge(context):
    """The officer's unread count, linked to the inbox (one indexed count: notify_unread_idx)."""
    user = getattr(context.get("request"), "user", None)
    unread = 0
    if user is not None and user.is_authenticated:
        unread = InAppNotification.objects.filter(user=user, read_at__isnull=True).count()
    return {"unread": unread}
