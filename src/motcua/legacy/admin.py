"""The operator's agency mapping table (overrides the rules of the next runs), the imported lines and
the runs (read-only: a migrated dossier changes only through the dossier services)."""

from django.contrib import admin

from .models import AgencyMapping, ImportRun, LegacyRecord


@admin.register(AgencyMapping)
class AgencyMappingAdmin(admin.ModelAdmin):
    list_display = ("province", "old_code", "old_name", "agency", "updated_at")
    list_filter = ("province",)
    search_fields = ("old_code", "old_name", "agency__name")
    autocomplete_fields = ("agency",)
    fields = ("province", "old_code", "old_name", "agency", "note")


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(LegacyRecord)
class LegacyRecordAdmin(ReadOnly):
    list_display = ("code", "old_commune_code", "agency_name", "agency_rule", "to_assign", "procedure_known")
    list_filter = ("province", "to_assign", "procedure_known", "agency_rule")
    search_fields = ("code",)
    raw_id_fields = ("dossier",)


@admin.register(ImportRun)
class ImportRunAdmin(ReadOnly):
    list_display = ("file_name", "province", "started_at", "imported", "skipped", "rejected")
    list_filter = ("province",)
    readonly_fields = ("tallies", "reasons")
