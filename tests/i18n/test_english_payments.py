"""English for payments: the catalog complete and compiled, the pages and error messages in English."""

from pathlib import Path

import pytest
from django.utils import translation

import motcua
from motcua.payments.errors import message_for
from motcua.payments.models import PaymentTransaction

from . import test_english as base


def test_catalog_is_complete_and_compiled(monkeypatch):
    folder = Path(motcua.__file__).parent / "payments" / "locale" / "en" / "LC_MESSAGES"
    monkeypatch.setitem(base.CATALOGS, "payments", folder)
    base.test_app_catalog_is_complete_and_compiled("payments")


def test_error_messages_follow_the_language():
    with translation.override("en"):
        assert message_for("payments.gateway_unavailable").startswith(
            "The payment gateway could not be reached"
        )
        assert str(PaymentTransaction._meta.verbose_name_plural) == "payment transactions"
    assert message_for("payments.gateway_unavailable").startswith("Chưa kết nối được cổng thanh toán")


@pytest.mark.django_db
def test_the_problem_page_in_english(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("visitor"))
    client.cookies["django_language"] = "en"
    response = client.post("/thanh-toan/ho-so/000.00.12.H26-261201-0001/thanh-toan/")
    assert response.status_code == 403 and "You may not pay for this dossier." in response.content.decode()
