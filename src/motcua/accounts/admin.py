from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from motcua.core.masking import mask_id, mask_phone

from .models import CitizenEvent, CitizenProfile, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (*BaseUserAdmin.fieldsets, (_("Hồ sơ cán bộ"), {"fields": ("full_name",)}))
    list_display = ("username", "full_name", "email", "is_staff", "is_active")
    search_fields = ("username", "full_name", "email")


class CitizenEventInline(admin.TabularInline):
    model = CitizenEvent
    fields = ("at", "kind", "fields")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(CitizenProfile)
class CitizenProfileAdmin(admin.ModelAdmin):
    """Read-only: a profile is what the identity provider said; personal numbers are masked."""

    list_display = ("full_name", "masked_id", "birth_date", "masked_phone", "issuer", "updated_at")
    search_fields = ("full_name", "=personal_id", "=subject")
    fields = ("user", "full_name", "masked_id", "birth_date", "masked_phone", "email", "issuer", "subject")
    fields += ("updated_at",)
    readonly_fields = fields
    inlines = [CitizenEventInline]

    @admin.display(description=_("số định danh cá nhân"))
    def masked_id(self, obj):
        return mask_id(obj.personal_id)

    @admin.display(description=_("số điện thoại"))
    def masked_phone(self, obj):
        return mask_phone(obj.phone)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
