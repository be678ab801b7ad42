"""The officers' screen of the national-portal link: figures, dead events (retry / skip), parked pulls."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from motcua.workspace.views.common import header, officer_required, page

from . import delivery, operations
from .models import EventState, InboundDossier, InboundState, OperatorAction, PortalEvent, Reconciliation

LIST_SIZE = 100


def _require_operator(request) -> None:
    if not header(request)["is_supervisor"]:
        raise PermissionDenied


@officer_required
@require_http_methods(["GET", "POST"])
def operations_page(request):
    _require_operator(request)
    if request.method == "POST":
        return _decide(request)
    dead = PortalEvent.objects.filter(state=EventState.DEAD).order_by("id")
    return page(
        request,
        "nationalportal/operations.html",
        {
            "figures": delivery.figures(),
            "now": timezone.now(),
            "dead": dead[:LIST_SIZE],
            "dead_count": dead.count(),
            "parked": InboundDossier.objects.filter(state=InboundState.PARKED)[:LIST_SIZE],
            "reconciliation": Reconciliation.objects.first(),
            "actions": OperatorAction.objects.select_related("event", "actor")[:20],
        },
    )


def _decide(request):
    try:
        pk = int(request.POST.get("event", ""))
    except ValueError:
        messages.error(request, _("Yêu cầu không hợp lệ."))
        return redirect("nationalportal:operations")
    try:
        if request.POST.get("action") == "retry":
            event = operations.retry(pk, actor=request.user)
            messages.success(
                request,
                _("Đã đưa sự kiện của hồ sơ %(code)s vào hàng gửi lại.") % {"code": event.dossier_code},
            )
        elif request.POST.get("action") == "skip":
            event = operations.skip(pk, actor=request.user, reason=request.POST.get("reason", ""))
            messages.success(
                request, _("Đã bỏ qua sự kiện của hồ sơ %(code)s.") % {"code": event.dossier_code}
            )
        else:
            messages.error(request, _("Yêu cầu không hợp lệ."))
    except (operations.NotDead, ValueError) as exc:
        messages.error(request, str(exc))
    return redirect("nationalportal:operations")
