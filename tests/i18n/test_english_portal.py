"""English for the citizen portal and the feedback app: complete compiled catalogs, and pages that
follow the language while Vietnamese stays the default."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

import motcua
from motcua.feedback import sipas
from motcua.portal import plain, presenters

from . import test_english as base

APPS = ["portal", "feedback"]


@pytest.fixture(autouse=True)
def fresh_throttle():
    cache.clear()
    yield


@pytest.mark.parametrize("app", APPS)
def test_catalog_is_complete_and_compiled(app, monkeypatch):
    folder = Path(motcua.__file__).parent / app / "locale" / "en" / "LC_MESSAGES"
    monkeypatch.setitem(base.CATALOGS, app, folder)
    base.test_app_catalog_is_complete_and_compiled(app)


def test_every_plain_status_and_timeline_line_has_english():
    with translation.override("en"):
        labels = {state: presenters.status(state)["label"] for state in plain.STATUS}
        lines = [translation.gettext(text) for text in plain.TIMELINE.values()]
        factors = [translation.gettext(f.statement) for f in sipas.FACTORS]
    assert labels["supplement_requested"] == "Documents needed" and labels["in_progress"] == "In progress"
    assert all(text.isascii() for text in [*labels.values(), *lines, *factors])


@pytest.mark.django_db
def test_the_tracking_page_in_english_and_vietnamese(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get("/tra-cuu/", {"ma": "", "k": ""}).content.decode()
    assert "<h1>Track a dossier</h1>" in html and "Enter the tracking code (8 characters)" in html
    assert ">My dossiers<" in html  # the site navigation
    del client.cookies[settings.LANGUAGE_COOKIE_NAME]
    html = client.get("/tra-cuu/").content.decode()
    assert "<h1>Tra cứu hồ sơ</h1>" in html
