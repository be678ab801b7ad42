"""Admin pages in Vietnamese for catalog administrators: draft, review, publish, retire.

Published and retired versions are read-only here; every write goes through `services` (audited).
A draft's "hiệu lực từ/đến" fields are the planned window the "Công bố" action uses (default: today).
"""

from django import forms
from django.contrib import admin, messages
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from motcua.core.errors import DomainError

from . import services
from .models import (
    CatalogAuditLog,
    ChannelTerm,
    DocumentCase,
    Field,
    LegalBasis,
    Procedure,
    ProcedureResult,
    ProcedureVersion,
    ProcessStep,
    ProvinceProcedure,
    RequiredDocument,
    VersionStatus,
)

CONTENT_ADMIN_FIELDS = (
    "name",
    "field",
    "level_text",
    "at_ministry",
    "at_province",
    "at_commune",
    "at_other",
    "procedure_type",
    "agency_kind",
    "agency_name",
    "competent_authority",
    "applicant_kinds",
    "online_level",
    "boundary_free",
    "conditions",
    "steps_text",
    "results_text",
    "decision_no",
    "decision_date",
    "needs_review",
)


ISSUE_LABELS = {
    "time_missing": _("Nguồn không ghi thời hạn giải quyết."),
    "time_no_unit": _("Thời hạn chỉ có con số, mất đơn vị (ngày/ngày làm việc/giờ)."),
    "time_unparsed": _("Thời hạn viết bằng lời hoặc khoảng, không đọc được thành con số."),
    "fee_missing": _("Nguồn để trống phí, lệ phí."),
    "fee_no_information": _("Nguồn ghi 'Không có thông tin' về phí, lệ phí."),
    "fee_amount_in_note": _("Có đơn vị tiền nhưng không có mức thu rõ ràng."),
    "fee_amount_conflict": _("Mức thu trong ô và trong ghi chú khác nhau (gấp 1.000 lần)."),
    "fee_several_amounts": _("Có nhiều mức thu khác nhau; cần chọn theo trường hợp."),
    "fee_unparsed": _("Phí, lệ phí là công thức hoặc lời văn."),
    "fee_fraction": _("Mức thu có phần lẻ, cần kiểm tra."),
    "fee_read_from_note": _(
        "Ô phí ghi miễn phí nhưng ghi chú có mức thu; đã lấy mức thu trong ghi chú, cần xác nhận."
    ),
    "fee_implausible": _("Mức thu dưới 1.000 đồng là bất thường; chưa thu, cần kiểm tra."),
    "fee_after_window_unknown": _(
        "Chỉ biết mức thu trong thời gian áp dụng mức ưu đãi; mức thu sau đó chưa rõ."
    ),
    "fee_dated_unread": _("Phí có thời gian áp dụng nhưng không đọc được mức thu hoặc ngày."),
    "documents_list_unclear": _(
        "Danh sách (i), (ii)… không nói rõ phải nộp tất cả hay một trong các giấy tờ."
    ),
    "documents_missing": _("Nguồn không có thành phần hồ sơ."),
    "document_no_quantity": _("Giấy tờ không ghi số bản."),
    "document_template_unsplit": _("Tên tệp mẫu dính liền tên giấy tờ, không tách được."),
    "results_missing": _("Nguồn không ghi kết quả thực hiện."),
    "legal_basis_unparsed": _("Căn cứ pháp lý không tách được số, ký hiệu."),
    "level_unparsed": _("Cấp thực hiện không đọc được."),
}


class DraftOnlyInline(admin.TabularInline):
    extra = 0

    def _editable(self, obj) -> bool:
        return obj is None or obj.status == VersionStatus.DRAFT

    def has_add_permission(self, request, obj=None):
        return self._editable(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._editable(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._editable(obj) and super().has_delete_permission(request, obj)


class ChannelTermInline(DraftOnlyInline):
    model = ChannelTerm
    fields = (
        "position",
        "channel",
        "time_value",
        "time_unit",
        "time_text",
        "fee_kind",
        "fee_amount",
        "fee_currency",
        "fee_text",
    )


class DocumentCaseInline(DraftOnlyInline):
    model = DocumentCase
    fields = ("position", "title")


class RequiredDocumentInline(DraftOnlyInline):
    model = RequiredDocument
    fields = ("position", "case", "name", "originals", "copies", "required", "template_name", "template")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "case":
            version_id = request.resolver_match.kwargs.get("object_id")
            kwargs["queryset"] = DocumentCase.objects.filter(version_id=version_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ProcessStepInline(DraftOnlyInline):
    model = ProcessStep
    fields = ("position", "name", "role", "agency_kind", "time_share")


class ResultInline(DraftOnlyInline):
    model = ProcedureResult
    fields = ("position", "name", "result_code")


class LegalBasisInline(DraftOnlyInline):
    model = LegalBasis
    fields = ("position", "number", "title", "issued_on", "issuer")


class VersionForm(forms.ModelForm):
    class Meta:
        model = ProcedureVersion
        fields = ("procedure", "valid_from", "valid_to", *CONTENT_ADMIN_FIELDS)

    def clean(self):
        data = super().clean()
        procedure = data.get("procedure")
        if self.instance.pk is None and procedure is not None:
            draft = procedure.versions.filter(status=VersionStatus.DRAFT).first()
            if draft is not None:
                raise forms.ValidationError(
                    _("Thủ tục đã có bản nháp (phiên bản %(number)s); hãy sửa bản nháp đó.")
                    % {"number": draft.number}
                )
        return data


@admin.register(ProcedureVersion)
class ProcedureVersionAdmin(admin.ModelAdmin):
    form = VersionForm
    list_display = ("procedure", "number", "short_name", "status", "valid_from", "valid_to", "needs_review")
    list_filter = (
        "status",
        "needs_review",
        "at_province",
        "at_commune",
        "at_ministry",
        "agency_kind",
        "field",
    )
    search_fields = ("procedure__code", "name")
    list_select_related = ("procedure",)
    autocomplete_fields = ("procedure", "field")
    actions = ("publish_drafts", "retire_versions", "draft_from_versions")
    inlines = (
        ChannelTermInline,
        DocumentCaseInline,
        RequiredDocumentInline,
        ResultInline,
        LegalBasisInline,
        ProcessStepInline,
    )
    readonly_fields = (
        "number",
        "status",
        "review_notes",
        "source",
        "created_at",
        "created_by",
        "published_at",
        "published_by",
        "retired_at",
    )

    @admin.display(description=_("tên thủ tục"))
    def short_name(self, obj):
        return obj.name[:90]

    @admin.display(description=_("cần rà soát vì"))
    def review_notes(self, obj):
        lines = [
            f"{ISSUE_LABELS.get(n.get('issue'), n.get('issue'))} — {n.get('value', '')[:120]}".rstrip(" —")
            for n in obj.parse_notes or []
        ]
        return format_html_join(mark_safe("<br>"), "{}", ((line,) for line in lines)) or "—"

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.status != VersionStatus.DRAFT:
            return ["review_notes", *(f.name for f in ProcedureVersion._meta.fields if f.name != "id")]
        if obj is not None:
            return (*self.readonly_fields, "procedure")
        return self.readonly_fields

    def save_model(self, request, obj, form, change):
        data = {name: form.cleaned_data[name] for name in CONTENT_ADMIN_FIELDS if name in form.cleaned_data}
        data["field"] = data["field"].name if data.get("field") else ""
        window = {
            "valid_from": form.cleaned_data.get("valid_from"),
            "valid_to": form.cleaned_data.get("valid_to"),
        }
        if change:
            services.update_draft(version=obj, actor=request.user, data=data)
        else:
            draft = services.create_draft(procedure=obj.procedure, actor=request.user, data=data)
            obj.pk, obj.number, obj.status = draft.pk, draft.number, draft.status
        # The planned window of a draft (used by the "Công bố" action); not a publication.
        ProcedureVersion.objects.filter(pk=obj.pk, status=VersionStatus.DRAFT).update(**window)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if any(fs.has_changed() for fs in formsets):
            services.audit("update_draft", actor=request.user, version=form.instance, fields=["rows"])

    def delete_model(self, request, obj):
        services.delete_draft(version=obj, actor=request.user)

    def has_delete_permission(self, request, obj=None):
        return (obj is None or obj.status == VersionStatus.DRAFT) and super().has_delete_permission(
            request, obj
        )

    def _run(self, request, queryset, action, done_message):
        done = 0
        for version in queryset:
            try:
                action(version)
                done += 1
            except DomainError as exc:
                self.message_user(request, f"{version}: {exc.message} [{exc.code}]", messages.ERROR)
        if done:
            self.message_user(request, done_message % {"count": done}, messages.SUCCESS)

    @admin.action(description=_("Công bố các bản nháp đã chọn (hiệu lực từ ngày đã nhập, mặc định hôm nay)"))
    def publish_drafts(self, request, queryset):
        today = timezone.localdate()
        self._run(
            request,
            queryset,
            lambda v: services.publish(
                version=v, actor=request.user, valid_from=v.valid_from or today, valid_to=v.valid_to
            ),
            # The plural form follows the number done (the "count" key), not the number selected.
            ngettext_lazy("Đã công bố %(count)d phiên bản.", "Đã công bố %(count)d phiên bản.", "count"),
        )

    @admin.action(description=_("Bãi bỏ các phiên bản đã chọn từ hôm nay"))
    def retire_versions(self, request, queryset):
        self._run(
            request,
            queryset,
            lambda v: services.retire(version=v, actor=request.user),
            ngettext_lazy("Đã bãi bỏ %(count)d phiên bản.", "Đã bãi bỏ %(count)d phiên bản.", "count"),
        )

    @admin.action(description=_("Tạo bản nháp mới từ các phiên bản đã chọn"))
    def draft_from_versions(self, request, queryset):
        self._run(
            request,
            queryset,
            lambda v: services.create_draft(procedure=v.procedure, actor=request.user, from_version=v),
            ngettext_lazy("Đã tạo %(count)d bản nháp.", "Đã tạo %(count)d bản nháp.", "count"),
        )


class VersionInline(admin.TabularInline):
    model = ProcedureVersion
    fields = ("number", "status", "valid_from", "valid_to", "name", "needs_review")
    readonly_fields = fields
    show_change_link = True
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Procedure)
class ProcedureAdmin(admin.ModelAdmin):
    list_display = ("code", "created_at")
    search_fields = ("code", "versions__name")
    inlines = (VersionInline,)

    def get_readonly_fields(self, request, obj=None):
        return ("code", "created_at") if obj else ("created_at",)


@admin.register(Field)
class FieldAdmin(admin.ModelAdmin):
    list_display = ("name",)
    search_fields = ("name",)


@admin.register(ProvinceProcedure)
class ProvinceProcedureAdmin(admin.ModelAdmin):
    list_display = (
        "procedure",
        "province",
        "active",
        "boundary_free",
        "agency_kind",
        "fee_kind",
        "fee_amount",
    )
    list_filter = ("active", "boundary_free", "fee_kind", "province")
    search_fields = ("procedure__code", "province__name", "agency_name")
    autocomplete_fields = ("procedure",)
    raw_id_fields = ("agency",)
    list_select_related = ("procedure", "province")

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        services.audit(
            "update_adoption" if change else "adopt",
            actor=request.user,
            procedure=obj.procedure,
            province=obj.province.code,
            fields=sorted(form.changed_data),
        )


@admin.register(CatalogAuditLog)
class CatalogAuditLogAdmin(admin.ModelAdmin):
    list_display = ("at", "action", "actor", "procedure", "version_number")
    list_filter = ("action",)
    search_fields = ("procedure__code",)
    list_select_related = ("actor", "procedure")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
