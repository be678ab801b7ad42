"""Staff pages of every app send a signed-out visitor to the officers' sign-in, not to the citizens'
VNeID sign-in (LOGIN_URL), and the workspace's navigation links to them."""

import pytest
from django.urls import reverse

STAFF_PAGES = [
    "homeservice:supervise",
    "homeservice:visits",
    "postal:hub",
    "queueing:panel",
    "feedback:officer-list",
]


@pytest.mark.django_db
@pytest.mark.parametrize("name", STAFF_PAGES)
def test_a_signed_out_visitor_is_sent_to_an_officer_sign_in(client, name):
    url = reverse(name)
    response = client.get(url)
    assert response.status_code == 302
    target = response["Location"]
    assert target.startswith("/can-bo/")
    assert not target.startswith(reverse("accounts:sign-in"))
    assert "next=" in target
