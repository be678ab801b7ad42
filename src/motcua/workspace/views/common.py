"""What every workspace page shares: sign-in and assignment check, the officer's header, list rows."""

from __future__ import annotations

import copy
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from motcua.accounts import twofactor
from motcua.dossiers import deadlines, reference
from motcua.dossiers.selectors import state_label
from motcua.org.models import StaffAssignment

from .. import selectors, timing


def officer_required(view):
    """Signed in (else the workspace's sign-in page) and holding an assignment today (else 403)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("workspace:login"))
        assignments = list(
            StaffAssignment.objects.filter(user=user)
            .valid_on(timezone.localdate())
            .select_related("role", "place", "agency", "commune", "province")
            .order_by("pk")
        )
        if not assignments:
            return render(request, "workspace/no_assignment.html", status=403)
        request.officer_assignments = assignments
        asked = twofactor.challenge(request, {a.role.code for a in assignments})
        if asked is not None:
            return asked
        try:
            with reference.pinned():  # one read of the reference stamp for the whole page
                return view(request, *args, **kwargs)
        except (Http404, PermissionDenied):
            # A dossier the officer may not see (or that does not exist) reads the same, in Vietnamese,
            # whatever DEBUG says: the page neither confirms the code nor leaks a debug screen.
            return page(_at_home(request), "workspace/not_found.html", {}, status=404)

    wrapper.officer_page = True  # base.html draws the officers' bar (motcua/navigation.py)
    return wrapper


def roles_required(roles):
    """Inside `officer_required`: only an officer holding one of `roles` today opens the page; the
    others get the Vietnamese 403 page (least privilege, ADR 0051: a catalog administrator does not
    search dossiers, a specialist does not look up applicants at the counter)."""
    allowed = {str(role) for role in roles}

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            held = {a.role.code for a in getattr(request, "officer_assignments", [])}
            if not held & allowed:
                return render(request, "403.html", status=403)
            return view(request, *args, **kwargs)

        return wrapper

    return decorate


def _at_home(request):
    """The request as if at "my work", for the not-found page: its links (the language switch returns
    to the current path) do not echo the dossier code that was asked for."""
    shown = copy.copy(request)
    shown.path = shown.path_info = reverse("workspace:home")
    shown.META = {**request.META, "QUERY_STRING": ""}
    return shown


def _where(assignment) -> str:
    target = assignment.place or assignment.agency or assignment.commune or assignment.province
    return str(getattr(target, "name", "") or getattr(target, "full_name", "") or target or "")


def header(request) -> dict:
    assignments = getattr(request, "officer_assignments", [])
    roles = [{"role": a.role.name, "where": _where(a)} for a in assignments]
    codes = {a.role.code for a in assignments}
    return {
        "officer_name": str(request.user),
        "officer_roles": roles,
        "is_supervisor": "supervisor" in codes or "system_admin" in codes,
        "is_receiver": "reception_officer" in codes,
        "is_catalog_admin": "catalog_admin" in codes,
    }


SECTIONS = {
    "workspace/my_work.html": "work",
    "workspace/receive.html": "receive",
    "workspace/search.html": "search",
    "workspace/supervisor.html": "supervisor",
}


def page(request, template: str, context: dict, status: int = 200):
    context = {**header(request), "section": SECTIONS.get(template, ""), **context}
    return render(request, template, context, status=status)


def rows(dossiers, cal, now) -> list[dict]:
    """What a list shows of each dossier (no query: everything is selected with the list)."""
    out = []
    for d in dossiers:
        due = deadlines.due_moment(d).at
        paused = deadlines.clock_paused(d.status)
        applicant = getattr(d, "applicant", None)
        counting = deadlines.clock_runs(d.status)
        out.append(
            {
                "dossier": d,
                "applicant": applicant.full_name if applicant else "",
                "status": state_label(d.status),
                "due": due,
                "remaining": timing.remaining(cal, now, due) if counting else None,
                "paused": paused,
            }
        )
    return out


def clock(request):
    """The legal clock of the officer's province (of their first assignment) and the queue bounds."""
    assignments = getattr(request, "officer_assignments", [])
    code = assignments[0].province.code if assignments and assignments[0].province_id else ""
    cal = selectors.work_calendar(code)
    return cal, selectors.moments(cal)
