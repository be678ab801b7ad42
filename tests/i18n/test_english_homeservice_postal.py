"""English for home service and postal: pages, status labels, API problems and complete, compiled
catalogs; Vietnamese stays the default."""

import json
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

import motcua
from motcua.homeservice.models import HomeServiceRequest
from motcua.postal.models import Shipment

from . import test_english as base

APPS = ["homeservice", "postal"]


@pytest.mark.parametrize("app", APPS)
def test_catalog_is_complete_and_compiled(app, monkeypatch):
    folder = Path(motcua.__file__).parent / app / "locale" / "en" / "LC_MESSAGES"
    monkeypatch.setitem(base.CATALOGS, app, folder)
    base.test_app_catalog_is_complete_and_compiled(app)


@pytest.mark.django_db
def test_the_request_form_in_english_and_vietnamese(client):
    assert "Đề nghị cán bộ đến tận nhà" in client.get("/phuc-vu-tai-nha/").content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get("/phuc-vu-tai-nha/").content.decode()
    assert "Ask for an officer to come to your home" in html and "Elderly person" in html


@pytest.mark.django_db
def test_status_labels_and_a_postal_problem_in_english(client, settings):
    with translation.override("en"):
        assert HomeServiceRequest(status="received").get_status_display() == "Dossier received"
        assert Shipment(status="returned").get_status_display() == "Returned to sender"
    settings.MOTCUA_POSTAL_CALLBACK_SECRET = "s"
    body = json.dumps({"event_id": "x"})
    english = client.post(
        "/api/v1/postal/callbacks", body, content_type="application/json", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert english.status_code == 401 and english.json()["title"] == "Invalid or expired signature."
    vietnamese = client.post("/api/v1/postal/callbacks", body, content_type="application/json")
    assert vietnamese.json() == {
        "code": "postal.bad_signature",
        "title": "Chữ ký không hợp lệ hoặc đã hết hạn.",
        "status": 401,
    }
