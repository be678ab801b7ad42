"""Read-only admin: documents are written by the services only (checks, checksums, cleanup)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from motcua.core.masking import mask_id

from .models import Document, DossierDocument


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class UseInline(admin.TabularInline):
    model = DossierDocument
    fields = ["dossier", "required_document", "reused", "attached_by", "attached_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Document)
class DocumentAdmin(ReadOnly):
    list_display = ["name", "owner", "source", "kind", "size", "digitised", "created_at"]
    list_filter = ["source", "kind", "digitised"]
    search_fields = ["name", "=owner_id_number", "=sha256", "source_dossier__code"]
    list_select_related = ["source_dossier"]
    date_hierarchy = "created_at"
    inlines = [UseInline]
    exclude = ["owner_id_number"]
    readonly_fields = [
        "name",
        "owner",
        "source",
        "source_dossier",
        "result",
        "kind",
        "mime_type",
        "size",
        "sha256",
        "storage_name",
        "original_filename",
        "digitised",
        "digitised_by",
        "digitised_at",
        "uploaded_by",
        "created_at",
    ]

    @admin.display(description=_("chủ giấy tờ"))
    def owner(self, obj):
        return mask_id(obj.owner_id_number)


@admin.register(DossierDocument)
class DossierDocumentAdmin(ReadOnly):
    list_display = ["dossier", "document", "required_document", "reused", "attached_at"]
    list_filter = ["reused"]
    search_fields = ["dossier__code", "document__name"]
    list_select_related = ["dossier", "document", "required_document"]
    raw_id_fields = ["dossier", "document", "required_document"]
