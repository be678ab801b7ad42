"""/tra-cuu/: follow a dossier without signing in, with the dossier code and the slip's second factor.

The same rules as the public API (motcua.dossiers.tracking): the factor is checked with the same
HMAC; an unknown code and a wrong factor give the same 404 page; the same throttle (scope "tracking",
one budget shared with the API per client address). Only plain words: no names, numbers or notes.
"""

from django.shortcuts import render
from django.utils.translation import gettext as _

from motcua.dossiers.api.tracking import TrackingThrottle
from motcua.dossiers.models import Dossier
from motcua.dossiers.tracking import factor_matches

from . import presenters

MAX_CODE = 40


class _View:
    throttle_scope = "tracking"


def _throttled(request, code: str) -> bool:
    return not TrackingThrottle().allow_request(request, _View(), code=code)


def track(request):
    code = " ".join(request.GET.get("ma", "").split())[:MAX_CODE]
    factor = request.GET.get("k", "").strip()[:20]
    context = {"code": code, "factor": factor, "errors": {}, "found": None, "citizen_page": "tracking"}
    if not ("ma" in request.GET or "k" in request.GET):
        return render(request, "portal/tracking.html", context)
    if not code:
        context["errors"]["ma"] = _("Hãy nhập mã hồ sơ in trên giấy tiếp nhận.")
    if not factor:
        context["errors"]["k"] = _("Hãy nhập mã tra cứu (8 ký tự) in trên giấy tiếp nhận.")
    if context["errors"]:
        return render(request, "portal/tracking.html", context, status=400)
    if _throttled(request, code):
        context["message"] = _("Bạn tra cứu quá nhiều lần. Hãy đợi một phút rồi thử lại.")
        return render(request, "portal/tracking.html", context, status=429)
    dossier = Dossier.objects.filter(code=code).select_related("procedure_version").first()
    # Checked whether the code exists or not; a migrated dossier's factor is its applicant's ID tail.
    matches = factor_matches(code, factor)  # the old codes' factor too (ADR 0043)
    if dossier is None or not matches:
        context["message"] = _(
            "Không tìm thấy hồ sơ với mã hồ sơ và mã tra cứu này. Hãy kiểm tra lại hai mã trên giấy tiếp nhận."
        )
        return render(request, "portal/tracking.html", context, status=404)
    context["found"] = {
        "code": dossier.code,
        "procedure": dossier.procedure_version.name if dossier.procedure_version_id else "",
        "status": presenters.status(dossier.status),
        "due": presenters.due(dossier),
        "timeline": presenters.timeline(dossier, with_notes=False),
    }
    return render(request, "portal/tracking.html", context)
