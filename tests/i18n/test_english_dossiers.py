"""English for dossiers, documents and search: API problems, lifecycle labels, command output and the
app catalogs (complete and compiled), with Vietnamese staying the default."""

from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.utils import translation

import motcua
from motcua.dossiers import errors, lifecycle
from motcua.dossiers.choices import ACTION_CHOICES, Status
from motcua.dossiers.models import Dossier
from motcua.dossiers.selectors import state_label

from . import test_english as base
from .test_english import problem
from .test_english import superuser_client as superuser_client  # the fixture

APPS = ["dossiers", "documents", "search", "simulation"]
UNKNOWN = "000.00.12.H62-201105-0004"


@pytest.fixture(autouse=True)
def fresh_throttle():
    cache.clear()  # the public tracking throttle counts in the default cache
    yield
    cache.clear()


# --- API problems --------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_unknown_dossier_in_english_and_vietnamese(client):
    url = f"/api/v1/tracking/{UNKNOWN}?k=abcdef"
    english = problem(client, url, 404, HTTP_ACCEPT_LANGUAGE="en")
    assert english["code"] == "dossier.not_found"
    assert english["title"] == "Dossier not found."
    vietnamese = problem(client, url, 404)
    assert vietnamese["code"] == "dossier.not_found"
    assert vietnamese["title"] == "Không tìm thấy hồ sơ."


@pytest.mark.django_db
def test_empty_search_in_english_and_vietnamese(client):
    english = problem(client, "/api/v1/procedures/search?q=", 400, HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.8")
    assert english["code"] == "search.invalid_query"
    assert english["title"] == "Please enter something to search for."
    vietnamese = problem(client, "/api/v1/procedures/search?q=", 400)
    assert vietnamese["title"] == "Vui lòng nhập nội dung cần tra cứu."


@pytest.mark.django_db
def test_search_limit_bound_in_english(client):
    body = problem(client, "/api/v1/procedures/search?q=khai%20sinh&limit=0", 400, HTTP_ACCEPT_LANGUAGE="en")
    assert body["code"] == "search.invalid_parameter"
    assert body["title"].startswith("The number of results must be from 1 to ")


# --- lifecycle labels and messages ---------------------------------------------------------------------


def test_state_labels_in_english_and_vietnamese():
    with translation.override("en"):
        assert state_label("received") == "Received"
        assert state_label("supplement_requested") == "Supplement requested"
        assert str(Status.RESULT_READY.label) == "Result ready, awaiting return"
        english = {str(label) for _, label in Status.choices}
    with translation.override("vi"):
        assert state_label("received") == "Đã tiếp nhận"
        vietnamese = {str(label) for _, label in Status.choices}
    assert len(english) == len(vietnamese) == len(lifecycle.STATES)
    assert english.isdisjoint(vietnamese)  # every state label has its own English


def test_action_labels_translated():
    with translation.override("en"):
        actions = {value: str(label) for value, label in ACTION_CHOICES}
    assert actions["request_supplement"] == "Request a supplement"
    assert actions["withdraw"] == "Withdraw the dossier"
    assert actions["extend"] == "Apologize and set a new date for returning the result"


def test_invalid_transition_names_the_action_and_state_in_the_language():
    with translation.override("en"):
        english = errors.InvalidTransition("request_supplement", "returned").message
        forbidden = errors.ActionForbidden("stop").message
    with translation.override("vi"):
        vietnamese = errors.InvalidTransition("request_supplement", "returned").message
    assert english == "Cannot “Request a supplement” while the dossier is “Result returned”."
    assert forbidden == "You are not allowed to “Stop processing the dossier” on this dossier."
    assert (
        vietnamese
        == "Không thể thực hiện “Yêu cầu bổ sung hồ sơ” khi hồ sơ đang ở trạng thái “Đã trả kết quả”."
    )


def test_model_names_have_english_plurals():
    with translation.override("en"):
        assert str(Dossier._meta.verbose_name) == "dossier"
        assert str(Dossier._meta.verbose_name_plural) == "dossiers"
    with translation.override("vi"):
        assert str(Dossier._meta.verbose_name_plural) == "hồ sơ"


@pytest.mark.django_db
def test_documents_sweep_output_in_english(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    for language, expected in [("en", "Would delete 0 orphan files."), ("vi", "Sẽ xóa 0 tệp mồ côi.")]:
        out = StringIO()
        with translation.override(language):
            call_command("documents", "sweep", "--dry-run", stdout=out)
        assert out.getvalue().strip().endswith(expected)


# --- the catalogs themselves ---------------------------------------------------------------------------


@pytest.mark.parametrize("app", APPS)
def test_catalog_is_complete_and_compiled(app, monkeypatch):
    folder = Path(motcua.__file__).parent / app / "locale" / "en" / "LC_MESSAGES"
    monkeypatch.setitem(base.CATALOGS, app, folder)
    base.test_app_catalog_is_complete_and_compiled(app)


# --- admin ---------------------------------------------------------------------------------------------


def test_admin_index_lists_dossier_and_document_models_in_english(superuser_client):
    superuser_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = superuser_client.get("/admin/").content.decode()
    assert ">Dossiers<" in html  # the app
    for name in ["Counter guidance / refusal slips", "Dossier processing settings", "Dossier documents"]:
        assert f">{name}<" in html, name
    del superuser_client.cookies[settings.LANGUAGE_COOKIE_NAME]
    html = superuser_client.get("/admin/").content.decode()
    assert ">Phiếu hướng dẫn / từ chối tại quầy<" in html
