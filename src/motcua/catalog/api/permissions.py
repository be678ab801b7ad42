from rest_framework.permissions import BasePermission

from motcua.org import selectors as org_selectors
from motcua.org.roles import RoleCode


class IsCatalogAdministrator(BasePermission):
    """Staff users, or anyone holding the `catalog_admin` role (org) today, whatever its scope: the
    national catalog is not divided by province."""

    def has_permission(self, request, view) -> bool:
        user = request.user
        if not (user and user.is_authenticated):
            return False
        return bool(user.is_staff or org_selectors.scopes_for(user, role=RoleCode.CATALOG_ADMIN))
