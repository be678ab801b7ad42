"""English for notifications and webhooks: catalogs complete and compiled, the officers' inbox in English."""

from pathlib import Path

import pytest
from django.utils import translation

import motcua
from motcua.notifications.models import Kind

from . import test_english as base


@pytest.mark.parametrize("app", ["notifications", "webhooks"])
def test_catalog_is_complete_and_compiled(app, monkeypatch):
    folder = Path(motcua.__file__).parent / app / "locale" / "en" / "LC_MESSAGES"
    monkeypatch.setitem(base.CATALOGS, app, folder)
    base.test_app_catalog_is_complete_and_compiled(app)


def test_message_kinds_follow_the_language():
    assert str(Kind.APOLOGY.label) == "Xin lỗi và hẹn lại ngày trả kết quả"
    with translation.override("en"):
        assert str(Kind.APOLOGY.label) == "Apologize and set a new date for returning the result"
