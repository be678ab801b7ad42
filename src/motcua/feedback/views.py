"""Pages of the feedback app: the citizen rates a dossier and sends feedback or a complaint and reads the
answer; officers (/can-bo/phan-anh/) list what they must answer, with its deadline, and answer it."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from motcua.accounts.decorators import staff_login_required
from motcua.core.kernel import StaleWrite
from motcua.dossiers import lifecycle
from motcua.dossiers.models import Dossier
from motcua.org.models import ReceptionPlace

from . import selectors, services, sipas
from .errors import AlreadyAnswered, AlreadyRated, FeedbackInvalid, NotAllowed, NotRatable
from .models import FeedbackKind

MAX_TYPED = 4000


def _own_dossier(user, code):
    found = (
        Dossier.objects.filter(owner=user, code=code).select_related("procedure_version", "agency").first()
    )
    if found is None:
        raise Http404(code)
    return found


def _factors(scores: dict, improve: list, errors: dict) -> list[dict]:
    return [
        {
            "code": f.code,
            "name": _(f.name),
            "statement": _(f.statement),
            "optional": f.optional,
            "chosen": str(scores.get(f.code) or ""),
            "improve": f.code in improve,
            "error": errors.get(f.code, ""),
        }
        for f in sipas.FACTORS
    ]


@login_required
@require_http_methods(["GET", "POST"])
def rate(request, code: str):
    dossier = _own_dossier(request.user, code)
    existing = getattr(dossier, "rating", None) if hasattr(dossier, "rating") else None
    scores, improve, comment, errors, message = {}, [], "", {}, ""
    if request.method == "POST" and existing is None:
        scores = {c: request.POST.get(c, "") for c in sipas.CODES}
        improve = request.POST.getlist("improve")
        comment = request.POST.get("comment", "")[:MAX_TYPED]
        try:
            services.rate(dossier=dossier, user=request.user, scores=scores, improve=improve, comment=comment)
        except FeedbackInvalid as exc:
            errors = exc.details
        except (NotRatable, AlreadyRated, NotAllowed) as exc:
            message = exc.message
        else:
            return redirect("feedback:rated", code=code)
    elif existing is not None:
        message = AlreadyRated().message
    elif not lifecycle.is_ratable(dossier.status):
        message = NotRatable().message
    context = {
        "dossier": dossier,
        "factors": _factors(scores, improve, errors),
        "scale": [(value, _(label)) for value, label in sipas.SCALE],
        "comment": comment,
        "errors": errors,
        "error_count": len(errors),
        "message": message,
    }
    return render(request, "feedback/rate.html", context, status=400 if errors else 200)


@login_required
def rated(request, code: str):
    return render(request, "feedback/rated.html", {"dossier": _own_dossier(request.user, code)})


@login_required
@require_http_methods(["GET", "POST"])
def send(request):
    dossiers = list(
        Dossier.objects.filter(owner=request.user)
        .select_related("procedure_version")
        .order_by("-created_at")[:50]
    )
    places = list(
        ReceptionPlace.objects.active().order_by("province_id", "code").only("id", "name", "code")[:500]
    )
    typed = {"kind": FeedbackKind.FEEDBACK, "about": "", "text": ""}
    if request.GET.get("ho_so"):
        typed["about"] = f"d:{request.GET['ho_so'][:40]}"
    errors = {}
    if request.method == "POST":
        typed = {k: request.POST.get(k, "")[:MAX_TYPED] for k in ("kind", "about", "text")}
        dossier, place = _about(typed["about"], dossiers, places)
        try:
            item = services.send(
                user=request.user, kind=typed["kind"], text=typed["text"], dossier=dossier, place=place
            )
        except FeedbackInvalid as exc:
            errors = exc.details
        else:
            return redirect("feedback:mine-detail", pk=item.pk)
    context = {
        "dossier_choices": [(f"d:{d.code}", f"{d.code} — {_short(d)}") for d in dossiers],
        "place_choices": [(f"p:{p.pk}", p.name) for p in places],
        "kinds": FeedbackKind.choices,
        "typed": typed,
        "errors": errors,
        "error_count": len(errors),
    }
    return render(request, "feedback/send.html", context, status=400 if errors else 200)


def _short(dossier) -> str:
    name = dossier.procedure_version.name if dossier.procedure_version_id else ""
    return name if len(name) <= 60 else name[:59] + "…"


def _about(value: str, dossiers, places):
    if value.startswith("d:"):
        return next((d for d in dossiers if d.code == value[2:]), None), None
    if value.startswith("p:"):
        return None, next((p for p in places if str(p.pk) == value[2:]), None)
    return None, None


@login_required
def mine(request):
    return render(request, "feedback/mine.html", {"items": list(selectors.for_citizen(request.user)[:200])})


@login_required
def mine_detail(request, pk: int):
    item = selectors.for_citizen(request.user).filter(pk=pk).first()
    if item is None:
        raise Http404(pk)
    return render(request, "feedback/mine_detail.html", {"item": item})


# ---- officers -----------------------------------------------------------------------------------------


def _officer(request):
    if not selectors.is_officer(request.user):
        raise PermissionDenied
    return request.user


@staff_login_required
def officer_list(request):
    user = _officer(request)
    show_all = request.GET.get("tat_ca") == "1"
    items = list(selectors.for_officer(user, open_only=not show_all)[:300])
    context = {"items": items, "show_all": show_all, "now": timezone.now()}
    return render(request, "feedback/officer_list.html", context)


@staff_login_required
@require_http_methods(["GET", "POST"])
def officer_detail(request, pk: int):
    user = _officer(request)
    item = selectors.for_officer(user, open_only=False).filter(pk=pk).first()
    if item is None:
        raise Http404(pk)
    errors, typed = {}, ""
    if request.method == "POST":
        typed = request.POST.get("answer", "")[:MAX_TYPED]
        try:
            version = int(request.POST.get("version", "0"))
        except ValueError:
            version = 0
        try:
            services.answer(item, officer=user, text=typed, version=version)
        except FeedbackInvalid as exc:
            errors = exc.details
        except (AlreadyAnswered, NotAllowed, StaleWrite) as exc:
            errors = {"answer": exc.message}
        else:
            return redirect("feedback:officer-list")
        item.refresh_from_db()
    return render(
        request,
        "feedback/officer_detail.html",
        {"item": item, "errors": errors, "typed": typed},
        status=400 if errors else 200,
    )
