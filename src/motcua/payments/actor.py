"""The account in whose name the gateway's confirmations are recorded on dossiers.

`record_payment` is an officer's action in the lifecycle table (Action.RECORD_PAYMENT). A payment the
gateway confirms has no officer behind it, so it is recorded by this service account: a reception
officer for the whole system, with no usable password (nobody can sign in as it). The tracking sheet
then says truthfully who recorded the fee: "Cổng thanh toán trực tuyến".
"""

from __future__ import annotations

from datetime import date

from django.contrib.auth import get_user_model
from django.db import transaction

from motcua.org.models import StaffAssignment
from motcua.org.roles import RoleCode
from motcua.org.services import get_role

USERNAME = "payments.gateway"
FULL_NAME = "Cổng thanh toán trực tuyến"
SINCE = date(2025, 7, 1)


def gateway_actor():
    """The service account (one query once it exists)."""
    found = (
        StaffAssignment.objects.filter(
            user__username=USERNAME, role__code=RoleCode.RECEPTION_OFFICER, valid_to__isnull=True
        )
        .select_related("user")
        .first()
    )
    return found.user if found is not None else _create()


@transaction.atomic
def _create():
    user, created = get_user_model().objects.get_or_create(
        username=USERNAME, defaults={"full_name": FULL_NAME, "is_staff": False, "is_active": True}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    role = get_role(RoleCode.RECEPTION_OFFICER)
    if not StaffAssignment.objects.filter(user=user, role=role, valid_to__isnull=True).exists():
        # A system-wide scope is not offered to reception officers in the admin (org.roles); this one
        # account needs it to record fees on any dossier, so the row is created here directly.
        StaffAssignment.objects.create(
            user=user, role=role, valid_from=SINCE, note="Tài khoản dịch vụ của cổng thanh toán"
        )
    return user
