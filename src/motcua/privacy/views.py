"""Officers' pages of personal data (ADR 0053): reveal an applicant's ID number (logged), the read log
of one person for a data-protection officer (a supervisor), the export of everything held about them."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from motcua.dossiers import selectors as dossiers
from motcua.dossiers.errors import DossierNotFound
from motcua.workspace.views.common import officer_required, page

from . import selectors, services
from .forms import PersonForm

READ_LOG_ROWS = 500


def _people(dossier) -> list[tuple[str, str]]:
    """(who, ID number) of everyone on the dossier who has one."""
    applicant = getattr(dossier, "applicant", None)
    submitter = getattr(dossier, "submitter", None)
    people = [
        (_("Người yêu cầu"), getattr(applicant, "id_number", "")),
        (_("Người đại diện"), getattr(applicant, "representative_id_number", "")),
        (_("Người nộp"), getattr(submitter, "id_number", "")),
    ]
    return [(who, number) for who, number in people if number]


@officer_required
@require_POST
@never_cache
def reveal(request, code):
    """The full ID numbers of a dossier's people, each shown once per press and logged."""
    try:
        dossier = dossiers.dossier_detail(code, user=request.user)
    except DossierNotFound:
        raise Http404(_("Không tìm thấy hồ sơ.")) from None
    if not dossiers.sees_identity(request.user, dossier):  # a role that only watches (ADR 0051)
        return _forbidden(request)
    people = _people(dossier)
    services.record_reveal(request.user, dossier, [number for _who, number in people], request=request)
    return page(request, "privacy/reveal.html", {"d": dossier, "people": people, "at": timezone.now()})


def _forbidden(request):
    return page(request, "privacy/forbidden.html", {}, status=403)


@officer_required
@require_http_methods(["GET", "POST"])
@never_cache
def read_log(request):
    """Who read one person's data, newest first (the person's number is posted, never in the address)."""
    if not selectors.may_audit(request.user):
        return _forbidden(request)
    form = PersonForm(request.POST or None)
    reads, total = None, 0
    status = 200
    if request.method == "POST":
        if form.is_valid():
            found = selectors.reads_of(form.cleaned_data["so_dinh_danh"], request.user)
            total = found.count()
            reads = list(found.select_related("officer")[:READ_LOG_ROWS])
        else:
            status = 400
    context = {
        "form": form,
        "reads": reads,
        "total": total,
        "limit": READ_LOG_ROWS,
        "may_export": selectors.may_export(request.user),
    }
    return page(request, "privacy/read_log.html", context, status=status)


@officer_required
@require_http_methods(["GET", "POST"])
@never_cache
def export(request):
    """Everything held about one person, as a zip (JSON and their stored documents); audited."""
    if not selectors.may_export(request.user):
        return _forbidden(request)
    form = PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        number = form.cleaned_data["so_dinh_danh"]
        _json, archive = services.export_person(number, actor=request.user, source="POST privacy:export")
        response = HttpResponse(archive, content_type="application/zip")
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        response["Content-Disposition"] = f'attachment; filename="du-lieu-ca-nhan-{stamp}.zip"'
        return response
    status = 400 if request.method == "POST" else 200
    return page(request, "privacy/export.html", {"form": form}, status=status)
