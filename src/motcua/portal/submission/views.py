"""Pages of online submission: start from a procedure, fill the e-form (kept in a draft), submit."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from motcua.catalog import selectors as catalog
from motcua.catalog.display import fee
from motcua.core.collation import sorted_vi
from motcua.core.errors import DomainError
from motcua.dossiers import services as dossier_services
from motcua.units.models import AdministrativeUnit

from .. import selectors as portal
from ..models import Draft
from . import services
from .forms import SubmissionForm, typed


@login_required
def start(request, code: str):
    try:
        procedure = catalog.get_procedure(code)
    except DomainError:
        raise Http404(code) from None
    version = catalog.current_version(procedure)
    province = portal.choose_province(portal.adopting_provinces(), request.GET.get("tinh"))
    adoption = portal.adoption(procedure, province)
    if version is None or version.online_level == "none" or adoption is None or not adoption.active:
        raise Http404(code)
    draft = services.open_draft(user=request.user, procedure=procedure, province=province)
    return redirect("portal:draft", key=draft.key)


def _communes(province) -> list[tuple[str, str]]:
    rows = (
        AdministrativeUnit.objects.current()
        .communes()
        .filter(province_code=province.code)
        .values_list("code", "full_name", "name")
    )
    return [(code, full_name) for code, full_name, _name in sorted_vi(rows, key=lambda row: row[2])]


def _documents(version, draft, uploads, errors) -> list[dict]:
    """Every document of the version, with its case and the file already uploaded for it."""
    rows = []
    for doc in version.documents.all():
        upload = uploads.get(doc.pk)
        rows.append(
            {
                "id": doc.pk,
                "name": " ".join(doc.name.split()),
                "case": doc.case_id,
                "required": doc.required,
                "field": f"doc-{doc.pk}",
                "error": errors.get(f"doc-{doc.pk}", ""),
                "uploaded": upload.document if upload else None,
            }
        )
    return rows


@login_required
@require_http_methods(["GET", "POST"])
def draft_page(request, key):
    draft = get_object_or_404(
        Draft.objects.select_related("procedure", "province"), key=key, user=request.user
    )
    if draft.submitted:
        return redirect("portal:my-dossier", code=draft.dossier.code)
    version = catalog.current_version(draft.procedure)
    if version is None:
        raise Http404(draft.procedure.code)
    errors: dict[str, str] = {}
    notice = ""
    if request.method == "POST":
        draft = services.save_typed(draft, typed(request.POST))
        if draft.submitted:  # a second click that waited for the first one
            return redirect("portal:my-dossier", code=draft.dossier.code)
        errors.update(_store_uploads(request, draft, version))
        if request.POST.get("action") == "submit" and not errors:
            try:
                dossier = services.submit(draft)
            except services.SubmissionInvalid as exc:
                errors.update(exc.details)
            else:
                return redirect(reverse("portal:my-dossier", kwargs={"code": dossier.code}) + "?moi=1")
        elif not errors:
            notice = _("Đã lưu. Bạn có thể tiếp tục sau, thông tin và tệp đã tải lên vẫn còn.")
    cases = [(str(c.pk), " ".join(c.title.split())) for c in version.cases.all()]
    form = SubmissionForm(
        data={**draft.data},
        cases=cases,
        communes=_communes(draft.province),
        commune_level=version.at_commune,
        deliveries=dossier_services.result_deliveries(version),
    )
    form.errors  # noqa: B018 - binds the form (no rule at form level) before the engine's errors are shown
    form.mark_errors(errors)
    uploads = services.uploads_of(draft)
    context = {
        "draft": draft,
        "version": version,
        "form": form,
        "documents": _documents(version, draft, uploads, errors),
        "chosen_case": draft.data.get("case", ""),
        "general_error": errors.get("__all__", ""),
        "has_errors": bool(errors),
        "error_count": len(errors),
        "notice": notice,
        "fee": _fee(version),
    }
    return render(request, "portal/submission/form.html", context, status=400 if errors else 200)


def _store_uploads(request, draft, version) -> dict[str, str]:
    errors = {}
    for doc in version.documents.all():
        upload = request.FILES.get(f"doc-{doc.pk}")
        if upload is None:
            continue
        try:
            services.add_upload(draft, required_document=doc, upload=upload)
        except DomainError as exc:  # FileRejected, StorageFailed: the message goes next to the file
            errors[f"doc-{doc.pk}"] = exc.message
    return errors


def _fee(version):
    term = next((t for t in version.channel_terms.all() if t.channel == "online"), None)
    return fee(term) if term else None
