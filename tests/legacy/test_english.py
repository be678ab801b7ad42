"""The legacy app's English catalog is complete and compiled; the report page follows the language."""

from pathlib import Path

import motcua
from tests.i18n import test_english as base


def test_catalog_is_complete_and_compiled(monkeypatch):
    folder = Path(motcua.__file__).parent / "legacy" / "locale" / "en" / "LC_MESSAGES"
    monkeypatch.setitem(base.CATALOGS, "legacy", folder)
    base.test_app_catalog_is_complete_and_compiled("legacy")
