"""/nhan-thong-bao/: the citizen chooses how to hear about their dossier (e-mail, SMS, Zalo) or opts out.

Two ways in, the same rules as reading the dossier: the dossier code with its slip's second factor (from
the tracking page, no account; the tracking throttle applies, and an unknown code and a wrong factor give
the same 404), or a signed-in citizen's own dossier (from "Hồ sơ của tôi"). The page shows the contacts
masked and never says whose they are. Saving goes through choices.choose (audited, an outbox event).
"""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from motcua.core.masking import mask_phone
from motcua.dossiers.api.tracking import TrackingThrottle
from motcua.dossiers.models import Dossier
from motcua.dossiers.tracking import factor_matches

from . import choices, conf
from .events import contacts

MAX_CODE = 40
LABELS = {
    conf.EMAIL: gettext_lazy("Thư điện tử"),
    conf.SMS: gettext_lazy("Tin nhắn SMS"),
    conf.ZALO: gettext_lazy("Zalo"),
}


class _View:
    throttle_scope = "tracking"


def _mask_email(address: str) -> str:
    name, _at, domain = address.partition("@")
    return f"{name[:2]}•••@{domain}" if domain else "•••"


def _dossier(request, code: str, factor: str):
    """The dossier and how the visitor may see it ("account" or "tracking"), or (None, status)."""
    found = Dossier.objects.filter(code=code).select_related("applicant").first()
    user = request.user
    if found is not None and user.is_authenticated and found.owner_id == user.pk and not factor:
        return found, "account"
    if not TrackingThrottle().allow_request(request, _View(), code=code):
        return None, 429
    if found is None or not factor or not factor_matches(code, factor):
        return None, 404
    return found, "tracking"


@require_http_methods(["GET", "POST"])
def choose(request):
    data = request.POST if request.method == "POST" else request.GET
    code = " ".join(data.get("ma", "").split())[:MAX_CODE]
    factor = data.get("k", "").strip()[:20]
    if not code:
        raise Http404("no code")
    dossier, via = _dossier(request, code, factor)
    if dossier is None:
        message = (
            _("Bạn tra cứu quá nhiều lần. Hãy đợi một phút rồi thử lại.")
            if via == 429
            else _("Không tìm thấy hồ sơ với mã hồ sơ và mã tra cứu này. Hãy tra cứu lại từ giấy tiếp nhận.")
        )
        return render(
            request, "notifications/choose.html", {"message": message, "citizen_page": "tracking"}, status=via
        )
    now = choices.current(dossier)
    error = ""
    if request.method == "POST":
        opted_out = data.get("cach") == "khong"
        picked = [c for c in data.getlist("kenh") if c in now.available]
        unknown = [c for c in data.getlist("kenh") if c not in conf.CHANNELS]
        if data.get("cach") not in ("chon", "khong") or unknown:
            error = _("Lựa chọn không hợp lệ. Hãy chọn lại.")
        elif not opted_out and not picked:
            error = _("Hãy chọn ít nhất một cách nhận thông báo, hoặc chọn “Không nhận thông báo nào”.")
        else:
            choices.choose(dossier, channels=picked, opted_out=opted_out, via=via, actor=request.user)
            query = {"ma": code, "da-luu": "1"} | ({"k": factor} if via == "tracking" else {})
            return redirect(f"{reverse('citizen-notifications')}?{urlencode(query)}")
    found = contacts(dossier)
    shown = {
        conf.EMAIL: _mask_email(found.get(conf.EMAIL, "")),
        conf.SMS: mask_phone(found.get(conf.SMS, "")),
        conf.ZALO: mask_phone(found.get(conf.ZALO, "")),
    }
    options = [
        {"value": c, "label": LABELS[c], "to": shown[c], "checked": c in now.channels} for c in now.available
    ]
    back = (
        reverse("portal:my-dossier", args=[dossier.code])
        if via == "account"
        else f"{reverse('portal:tracking')}?{urlencode({'ma': code, 'k': factor})}"
    )
    context = {
        "code": dossier.code,
        "factor": factor if via == "tracking" else "",
        "options": options,
        "opted_out": now.opted_out,
        "chosen": now.chosen,
        "saved": request.GET.get("da-luu") == "1" and request.method == "GET",
        "error": error,
        "back": back,
        "citizen_page": "mine" if via == "account" else "tracking",
    }
    return render(request, "notifications/choose.html", context, status=400 if error else 200)
