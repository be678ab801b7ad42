"""Pages of online payment: start (POST), the payer's return, the gateway's webhook, the transaction
page (with "check again"), and the receipt PDF. Thin: every write is a service."""

from __future__ import annotations

import logging

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from motcua.core.clientip import client_ip
from motcua.core.errors import DomainError
from motcua.dossiers.models import Dossier

from . import registry, selectors, services
from .errors import AmountMismatch, BadSignature, TransactionNotFound, message_for
from .models import EventKind, TransactionStatus
from .states import Effect

log = logging.getLogger("motcua.payments")


def _problem(request, code: str, status: int, *, back: str = ""):
    context = {"message": message_for(code), "code": code, "back": back}
    return render(request, "payments/problem.html", context, status=status)


def _client_ip(request) -> str:
    return client_ip(request)


def _safe_next(request) -> str:
    target = request.POST.get("next", "")
    ok = url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure())
    return target if ok else ""


def dossier_fees(request, code: str):
    """The pay page of one dossier: its fees due, the button, the receipts (owner or officer)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    dossier = Dossier.objects.filter(code=code).select_related("applicant", "procedure_version").first()
    if dossier is None or not selectors.may_pay(request.user, dossier):
        raise Http404
    return render(request, "payments/dossier.html", {"dossier": dossier})


@require_POST
def start(request, code: str):
    back = _safe_next(request)
    if not request.user.is_authenticated:  # signed out meanwhile: sign in, then back to the pay page
        return redirect_to_login(back or reverse("payments:dossier", kwargs={"code": code}))
    dossier = Dossier.objects.filter(code=code).select_related("applicant").first()
    if dossier is None or not selectors.may_pay(request.user, dossier):
        # Not the owner: the same answer as an unknown code.
        return _problem(request, "payments.forbidden", 403, back=back)
    return_url = request.build_absolute_uri(reverse("payments:return", args=[registry.get_default_id()]))
    try:
        _txn, info = services.start_payment(
            dossier, user=request.user, return_url=return_url, client_ip=_client_ip(request)
        )
    except DomainError as exc:
        return _problem(request, exc.code, 409 if exc.code == "payments.nothing_due" else 400, back=back)
    if info.method == "POST":
        return render(request, "payments/redirect_form.html", {"info": info})
    return redirect(info.url)


def return_view(request, plugin: str):
    try:
        handler = registry.get(plugin)
        result = handler.handle_return(request)
        services.apply_result(result, source=EventKind.RETURN, plugin_id=plugin)
    except BadSignature as exc:
        reference = str(exc.details.get("reference") or "")
        services.record_refusal(
            reference, source=EventKind.RETURN, plugin_id=plugin, error_code=exc.code, data=request.GET.dict()
        )
        return _problem(request, exc.code, 400)
    except (TransactionNotFound, AmountMismatch) as exc:
        return _problem(request, exc.code, 404 if isinstance(exc, TransactionNotFound) else 400)
    except DomainError as exc:
        return _problem(request, exc.code, 400)
    return redirect("payments:transaction", reference=result.reference)


@csrf_exempt
@require_http_methods(["GET", "POST"])
def webhook(request, plugin: str):
    try:
        handler = registry.get(plugin)
    except DomainError:
        raise Http404 from None
    try:
        result = handler.handle_webhook(request)
        applied = services.apply_result(result, source=EventKind.WEBHOOK, plugin_id=plugin)
    except BadSignature as exc:
        data = request.GET.dict() or request.POST.dict()
        services.record_refusal(
            str(exc.details.get("reference") or ""),
            source=EventKind.WEBHOOK,
            plugin_id=plugin,
            error_code=exc.code,
            data=data,
        )
        return handler.webhook_response("signature", error_code=exc.code)
    except TransactionNotFound as exc:
        return handler.webhook_response("not_found", error_code=exc.code)
    except AmountMismatch as exc:
        return handler.webhook_response("amount", error_code=exc.code)
    except Exception:  # noqa: BLE001 - the gateway must get an answer; it will retry
        log.exception("payment webhook failed")
        return handler.webhook_response("error")
    # VNPAY's "02 Order already confirmed": an answer for a transaction already settled or closed.
    already = applied.effect in (Effect.DUPLICATE, Effect.IGNORE)
    return handler.webhook_response("duplicate" if already else "ok")


STATUS_TEXT = {
    TransactionStatus.PAID: ("success", _("Thanh toán thành công")),
    TransactionStatus.PENDING: ("waiting", _("Đang chờ ngân hàng xác nhận")),
    TransactionStatus.FAILED: ("failure", _("Thanh toán không thành công")),
    TransactionStatus.CANCELLED: ("failure", _("Bạn đã hủy giao dịch")),
    TransactionStatus.EXPIRED: ("failure", _("Giao dịch đã hết hạn")),
    TransactionStatus.REFUNDED: ("info", _("Đã hoàn tiền")),
}


@require_http_methods(["GET", "POST"])
def transaction_view(request, reference: str):
    try:
        txn = selectors.get_transaction(reference, user=request.user)
    except TransactionNotFound:
        raise Http404 from None
    error = ""
    if request.method == "POST":
        try:
            txn = services.poll(txn).transaction
        except DomainError as exc:
            error = message_for(exc.code)
        else:
            return redirect("payments:transaction", reference=reference)
    tone, title = STATUS_TEXT[TransactionStatus(txn.status)]
    context = {
        "txn": txn,
        "dossier": txn.dossier,
        "tone": tone,
        "title": str(title),
        "error": error,
        "fees": list(txn.payments.all()),
        "still_due": selectors.amount_due(txn.dossier),
    }
    return render(request, "payments/transaction.html", context)


def receipt(request, reference: str):
    from .receipt import receipt_data, render_pdf

    try:
        txn = selectors.get_transaction(reference, user=request.user)
    except TransactionNotFound:
        raise Http404 from None
    if txn.status not in (TransactionStatus.PAID, TransactionStatus.REFUNDED):
        raise Http404
    response = HttpResponse(render_pdf(receipt_data(txn)), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="bien-lai-{txn.reference}.pdf"'
    return response
