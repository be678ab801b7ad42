"""The admin shows citizen profiles read-only, with the personal ID and phone number masked."""

import pytest

from motcua.accounts.claims import CitizenClaims
from motcua.accounts.services import sign_in_citizen

pytestmark = pytest.mark.django_db


def test_the_admin_masks_personal_numbers_and_cannot_change_a_profile(admin_client):
    user = sign_in_citizen(
        issuer="http://idp.test",
        claims=CitizenClaims("sub-9", "Trần Văn Hùng", "031082007788", None, "0983456702", ""),
    )
    listing = admin_client.get("/admin/accounts/citizenprofile/").content.decode()
    detail = admin_client.get(f"/admin/accounts/citizenprofile/{user.citizen.pk}/change/").content.decode()
    for page in (listing, detail):
        assert "Trần Văn Hùng" in page and "*********788" in page and "098****702" in page
        assert "031082007788" not in page and "0983456702" not in page
    assert "Tạo tài khoản" in detail or "tạo tài khoản" in detail  # the audit trail inline
    assert (
        admin_client.post(f"/admin/accounts/citizenprofile/{user.citizen.pk}/change/", {}).status_code == 403
    )
    assert admin_client.get("/admin/accounts/citizenprofile/add/").status_code == 403
    assert "CitizenProfile 'Trần Văn Hùng' id=*********788 phone=098****702" in repr(user.citizen)
