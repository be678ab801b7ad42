"""The catalog administrator's desk: the review queue, a version's page, and the editor of its draft.

Only catalog administrators (the `catalog_admin` role today) and superusers; everyone else gets 403.
Writes go through `catalog.revision`, which goes through `catalog.services` (docs/decisions/0024)."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from motcua.catalog import review, revision, selectors, services
from motcua.catalog.changes import differences
from motcua.catalog.content import version_content
from motcua.catalog.errors import DraftExists, InvalidWindow, VersionImmutable, VersionOverlap
from motcua.catalog.models import CatalogAuditLog, VersionStatus
from motcua.core.errors import DomainError, NotFound
from motcua.org.models import StaffAssignment

from .. import catalog_forms
from .common import page


def catalog_admin_required(view):
    """Signed in (else the workspace's sign-in page) and a catalog administrator (else 403)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("workspace:login"))
        if not review.can_administer(user):
            return render(request, "workspace/catalog/forbidden.html", status=403)
        request.officer_assignments = list(
            StaffAssignment.objects.filter(user=user)
            .valid_on(timezone.localdate())
            .select_related("role", "place", "agency", "commune", "province")
            .order_by("pk")
        )
        return view(request, *args, **kwargs)

    wrapper.officer_page = True  # base.html draws the officers' bar (motcua/navigation.py)
    return wrapper


def _get(code: str, number: int):
    try:
        return selectors.get_version(code, number)
    except NotFound as exc:
        raise Http404(exc.message) from exc


@catalog_admin_required
def queue(request):
    filters = review.Filters.from_query(request.GET)
    result = review.review_queue(filters, request.GET.get("trang", 1))
    query = request.GET.copy()
    query.pop("trang", None)
    return page(
        request,
        "workspace/catalog/queue.html",
        {
            "section": "catalog",
            "queue": result,
            "filters": filters,
            "fields": selectors.fields_list().values_list("pk", "name"),
            "levels": review.LEVELS.items(),
            "statuses": [(VersionStatus.DRAFT, _("Bản nháp")), (VersionStatus.PUBLISHED, _("Đã công bố"))],
            "query": query.urlencode(),
        },
    )


def _history(version):
    procedure = version.procedure
    log = list(
        CatalogAuditLog.objects.filter(procedure=procedure)
        .select_related("actor")
        .order_by("-at", "-id")[:15]
    )
    for entry in log:
        entry.label = review.ACTIONS.get(entry.action, entry.action)
    return list(selectors.versions_of(procedure)), log


def _version_page(request, version, *, forms=None, errors=None, publish_form=None, status=200):
    versions, log = _history(version)
    editable = version.status == VersionStatus.DRAFT
    content = version_content(version)
    if editable and forms is None:
        forms = catalog_forms.editor_forms(content)
    if editable and publish_form is None:
        publish_form = catalog_forms.PublishForm(initial=catalog_forms.PublishForm.initial_for(version))
    in_force = selectors.current_version(version.procedure)
    changes = None
    if editable:
        changes = differences(version_content(in_force) if in_force else None, content)
    return page(
        request,
        "workspace/catalog/version.html",
        {
            "section": "catalog",
            "version": version,
            "content": content,
            "editable": editable,
            "forms": forms,
            "errors": errors or [],
            "publish_form": publish_form,
            "reasons": review.grouped_reasons(version),
            "versions": versions,
            "in_force": in_force,
            "changes": changes,
            "draft": next((v for v in versions if v.status == VersionStatus.DRAFT), None),
            "log": log,
            "token": revision.token(version),
        },
        status=status,
    )


@catalog_admin_required
def version_page(request, code: str, number: int):
    version = _get(code, number)
    if request.method != "POST":
        return _version_page(request, version)
    if version.status != VersionStatus.DRAFT:
        return _version_page(request, version, errors=[("", VersionImmutable().message)], status=409)
    content = version_content(version)
    forms = catalog_forms.editor_forms(content, request.POST)
    if not all(f.is_valid() for f in forms.values()):
        errors = catalog_forms.form_errors(forms)
        return _version_page(request, version, forms=forms, errors=errors, status=400)
    # Each checkbox carries the indexes of one group of identical reasons ("0,1,2").
    resolved = {int(i) for v in request.POST.getlist("resolved") for i in v.split(",") if i.isdigit()}
    try:
        revision.save_draft(
            version,
            actor=request.user,
            content=catalog_forms.content_from(forms, content),
            resolved=resolved,
            seen_token=request.POST.get("token", ""),
        )
    except revision.RevisionInvalid as exc:
        return _version_page(request, version, forms=forms, errors=exc.errors, status=400)
    except DomainError as exc:
        return _version_page(request, version, forms=forms, errors=[("", exc.message)], status=409)
    messages.success(request, _("Đã lưu bản nháp phiên bản %(n)s.") % {"n": version.number})
    return redirect("workspace:catalog-version", code=code, number=number)


@require_POST
@catalog_admin_required
def revise(request, code: str, number: int):
    """Start a new version from this one (or go to the draft that already exists)."""
    version = _get(code, number)
    try:
        draft, created = revision.open_draft(version, actor=request.user)
    except DraftExists:  # another administrator opened one a moment ago
        draft, created = version.procedure.versions.get(status=VersionStatus.DRAFT), False
    if created:
        messages.success(
            request,
            _("Đã tạo bản nháp phiên bản %(n)s từ phiên bản %(from)s; phiên bản đã công bố không bị sửa.")
            % {"n": draft.number, "from": version.number},
        )
    elif draft.pk != version.pk:
        messages.info(
            request,
            _("Thủ tục đã có bản nháp phiên bản %(n)s: tiếp tục sửa bản nháp đó.") % {"n": draft.number},
        )
    return redirect("workspace:catalog-version", code=code, number=draft.number)


@require_POST
@catalog_admin_required
def publish(request, code: str, number: int):
    version = _get(code, number)
    form = catalog_forms.PublishForm(request.POST)
    if not form.is_valid():
        errors = [(str(form.fields[n].label), str(e)) for n, es in form.errors.items() for e in es]
        return _version_page(request, version, errors=errors, publish_form=form, status=400)
    data = form.cleaned_data
    try:
        published = revision.publish_draft(
            version,
            actor=request.user,
            valid_from=data["valid_from"],
            valid_to=data["valid_to"],
            decision_no=data["decision_no"],
            decision_date=data["decision_date"],
        )
    except (VersionOverlap, InvalidWindow, VersionImmutable, DomainError) as exc:
        return _version_page(request, version, errors=[("", exc.message)], publish_form=form, status=409)
    messages.success(
        request,
        _("Đã công bố phiên bản %(n)s, hiệu lực từ %(day)s.")
        % {"n": published.number, "day": published.valid_from.strftime("%d/%m/%Y")},
    )
    return redirect("workspace:catalog-version", code=code, number=number)


@require_POST
@catalog_admin_required
def discard(request, code: str, number: int):
    version = _get(code, number)
    try:
        services.delete_draft(version=version, actor=request.user)
    except DomainError as exc:
        return _version_page(request, version, errors=[("", exc.message)], status=409)
    messages.success(request, _("Đã xoá bản nháp phiên bản %(n)s.") % {"n": number})
    return redirect("workspace:catalog-queue")
