"""The officer's inbox: what landed on their desk, newest first; opening one marks it read."""

from __future__ import annotations

from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from motcua.workspace.views.common import officer_required, page

from .models import InAppNotification

PAGE = 50


@officer_required
def inbox(request):
    items = list(InAppNotification.objects.filter(user=request.user).order_by("-id")[:PAGE])
    unread = InAppNotification.objects.filter(user=request.user, read_at__isnull=True).count()
    return page(request, "notifications/inbox.html", {"items": items, "unread": unread})


@officer_required
@require_POST
def open_notification(request, pk: int):
    item = get_object_or_404(InAppNotification, pk=pk, user=request.user)
    if item.read_at is None:
        InAppNotification.objects.filter(pk=item.pk, read_at__isnull=True).update(read_at=timezone.now())
    if item.dossier_code:
        return redirect(reverse("workspace:dossier", kwargs={"code": item.dossier_code}))
    return redirect("notifications:inbox")


@officer_required
def unread(request):
    """The badge's number (badge.js), one indexed count (notify_unread_idx)."""
    n = InAppNotification.objects.filter(user=request.user, read_at__isnull=True).count()
    label = ngettext("%(n)s thông báo chưa đọc", "%(n)s thông báo chưa đọc", n) % {"n": n}
    return JsonResponse({"unread": n, "label": label})


@officer_required
@require_POST
def mark_all_read(request):
    InAppNotification.objects.filter(user=request.user, read_at__isnull=True).update(read_at=timezone.now())
    return redirect("notifications:inbox")
