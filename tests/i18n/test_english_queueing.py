"""English for the queue: the booking page and its field errors, API problems, command output, and the
app catalog (complete and compiled), with Vietnamese staying the default."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

import motcua
from motcua.org.services import ensure_roles
from tests.queueing.factories import QueueWorld

from . import test_english as base


@pytest.fixture
def world(db):
    ensure_roles()
    return QueueWorld()


def test_catalog_is_complete_and_compiled(monkeypatch):
    folder = Path(motcua.__file__).parent / "queueing" / "locale" / "en" / "LC_MESSAGES"
    monkeypatch.setitem(base.CATALOGS, "queueing", folder)
    base.test_app_catalog_is_complete_and_compiled("queueing")


def test_booking_errors_in_english_and_vietnamese(client, world):
    url = reverse("queueing:book", args=[world.point_ba_dinh.code])
    data = {"service": world.civil_ba_dinh.pk, "full_name": "", "id_number": "1", "phone": "1"}
    english = client.post(url, data, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Enter your full name." in english and "Choose a time slot." in english
    assert "Book a queue number" in english
    vietnamese = client.post(url, data).content.decode()
    assert "Hãy nhập họ và tên." in vietnamese and "Hãy chọn khung giờ." in vietnamese


def test_api_problem_in_english(client, world):
    url = reverse("queue-api:board", args=["khong-co"])
    english = base.problem(client, url, 404, HTTP_ACCEPT_LANGUAGE="en")
    assert english == {
        "code": "queue.place_not_found",
        "title": "This queue place was not found.",
        "status": 404,
    }
    assert base.problem(client, url, 404)["title"] == "Không tìm thấy nơi lấy số này."


@pytest.mark.django_db
def test_expire_command_in_english():
    out = StringIO()
    with translation.override("en"):
        call_command("queueing", "expire", stdout=out)
    assert out.getvalue().strip() == "Expired 0 numbers."
