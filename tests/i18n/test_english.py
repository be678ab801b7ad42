"""English as the second language: API problems, admin pages and wording come out in English when asked,
and stay Vietnamese by default. The app catalogs are complete and their compiled files are up to date."""

import gettext
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import translation

import motcua
from motcua.calendar.presentation import working_time
from tests.twofactor import verified_login

APPS = ["units", "org", "calendar", "catalog", "accounts", "core", "workspace", "integrity"]
CATALOGS = {app: Path(motcua.__file__).parent / app / "locale" / "en" / "LC_MESSAGES" for app in APPS}


def problem(client, url, status, **headers):
    response = client.get(url, **headers)
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/problem+json")
    return response.json()


# --- API problems --------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_units_not_found_in_english_and_vietnamese(client):
    english = problem(client, "/api/v1/units/99999", 404, HTTP_ACCEPT_LANGUAGE="en")
    assert english["code"] == "units.not_found"
    assert english["title"] == "No administrative unit found with code 99999."
    assert english["status"] == 404
    vietnamese = problem(client, "/api/v1/units/99999", 404)
    assert vietnamese["code"] == "units.not_found"
    assert vietnamese["title"] == "Không tìm thấy đơn vị hành chính mã 99999."


@pytest.mark.django_db
def test_units_invalid_search_in_english(client):
    body = problem(client, "/api/v1/units/search?q=a", 400, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert body["code"] == "units.invalid_query"
    assert re.fullmatch(r"The search term must be \d+ to \d+ characters long\.", body["title"])


@pytest.mark.django_db
def test_calendar_bad_duration_in_english_and_vietnamese(client):
    url = "/api/v1/calendar/deadline?received=2026-02-13T10:30&duration=ba%20ngay"
    english = problem(client, url, 400, HTTP_ACCEPT_LANGUAGE="en")
    assert english["code"] == "calendar.invalid_duration"
    assert english["title"].startswith("Invalid time limit. Use «N working days»")
    vietnamese = problem(client, url, 400, HTTP_ACCEPT_LANGUAGE="vi")
    assert vietnamese["code"] == "calendar.invalid_duration"
    assert vietnamese["title"].startswith("Thời hạn không hợp lệ.")


@pytest.mark.django_db
def test_calendar_too_long_limit_gives_its_reason_in_english(client):
    url = "/api/v1/calendar/deadline?received=2026-02-13T10:30&duration=1001%20working%20days"
    body = problem(client, url, 400, HTTP_ACCEPT_LANGUAGE="en")
    assert body["code"] == "calendar.invalid_duration"
    assert body["details"]["reason"] == "Time limit too long: at most 1000 working days."
    vietnamese = problem(client, url, 400)
    assert vietnamese["details"]["reason"] == "Thời hạn quá dài: tối đa 1000 ngày làm việc."


@pytest.mark.django_db
def test_catalog_errors_in_english(client):
    missing = problem(client, "/api/v1/catalog/procedures/9.999999", 404, HTTP_ACCEPT_LANGUAGE="en")
    assert missing["code"] == "catalog.procedure_not_found"
    assert missing["title"] == "No procedure found with code 9.999999."
    invalid = problem(client, "/api/v1/catalog/procedures?level=galaxy", 400, HTTP_ACCEPT_LANGUAGE="en")
    assert invalid["code"] == "invalid_input"
    assert invalid["title"] == "Invalid data."
    vietnamese = problem(client, "/api/v1/catalog/procedures/9.999999", 404)
    assert vietnamese["title"] == "Không tìm thấy thủ tục có mã 9.999999."


def test_api_schema_summaries_follow_the_language(client):
    english = client.get("/api/schema/", {"format": "json"}, HTTP_ACCEPT_LANGUAGE="en").json()
    vietnamese = client.get("/api/schema/", {"format": "json"}).json()
    path = "/api/v1/units/{code}"
    assert english["paths"][path]["get"]["summary"] == (
        "One administrative unit by code, with its predecessor and successor units"
    )
    assert vietnamese["paths"][path]["get"]["summary"] == (
        "Một đơn vị hành chính theo mã, với đơn vị tiền thân và kế thừa"
    )


# --- admin ---------------------------------------------------------------------------------------------


@pytest.fixture
def superuser_client(client, db):
    user = get_user_model().objects.create_superuser("quantri", "quantri@example.vn", "mat-khau-dai-123")
    verified_login(client, user)
    return client


@pytest.mark.parametrize(
    ("url", "english", "vietnamese"),
    [
        # read-only admin: "to view"
        ("/admin/units/administrativeunit/", "Select administrative unit to view", "đơn vị hành chính"),
        ("/admin/org/agency/", "Select competent agency to change", "cơ quan có thẩm quyền"),
        ("/admin/org/staffassignment/", "Select staff assignment to change", "phân công cán bộ"),
        ("/admin/catalog/procedure/", "Select administrative procedure to change", "thủ tục hành chính"),
        ("/admin/calendar/calendaroverride/", "Select day off / make-up working day to change", "ngày nghỉ"),
    ],
)
def test_admin_changelist_titles(superuser_client, url, english, vietnamese):
    superuser_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = superuser_client.get(url).content.decode()
    assert f"<title>{english} |" in html
    del superuser_client.cookies[settings.LANGUAGE_COOKIE_NAME]
    html = superuser_client.get(url).content.decode()
    assert f"<title>Chọn {vietnamese}" in html


def test_admin_index_uses_english_plurals(superuser_client):
    superuser_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = superuser_client.get("/admin/").content.decode()
    for name in ["Administrative units", "Unit successions", "Staff assignments", "Procedure versions"]:
        assert f">{name}<" in html, name
    assert "Working calendar" in html and "Organization" in html


# --- wording -------------------------------------------------------------------------------------------


def test_working_time_wording_with_plurals():
    day = timedelta(hours=8)
    with translation.override("en"):
        assert working_time(timedelta(hours=9, minutes=1), day) == "1 day 1 hour 1 minute of working time"
        assert working_time(timedelta(hours=-18, minutes=-30), day) == (
            "overdue by 2 days 2 hours 30 minutes of working time"
        )
    with translation.override("vi"):
        assert working_time(timedelta(hours=18, minutes=30), day) == "2 ngày 2 giờ 30 phút làm việc"


# --- the catalogs themselves ---------------------------------------------------------------------------


def read_po(path: Path) -> list[dict]:
    """Entries of a .po file (header excluded): msgctxt, msgid, msgid_plural, msgstr/msgstr[n], flags."""
    entries, entry, key = [], None, None
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if not line.strip():
            if entry and entry.get("msgid"):
                entries.append(entry)
            entry, key = None, None
            continue
        entry = entry if entry is not None else {"flags": set()}
        if line.startswith("#,"):
            entry["flags"] |= {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            entry[key] += _unquote(line)
        else:
            key, _, rest = line.partition(" ")
            entry[key] = _unquote(rest)
    return entries


def _unquote(text: str) -> str:
    escapes = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}
    return re.sub(r"\\(.)", lambda m: escapes[m.group(1)], text.strip()[1:-1])


@pytest.mark.parametrize("app", APPS)
def test_app_catalog_is_complete_and_compiled(app):
    entries = read_po(CATALOGS[app] / "django.po")
    assert entries, app
    empty = [e["msgid"] for e in entries if any(v == "" for k, v in e.items() if k.startswith("msgstr"))]
    assert empty == []
    assert [e["msgid"] for e in entries if "fuzzy" in e["flags"]] == []
    with (CATALOGS[app] / "django.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for e in entries:  # the committed .mo says what the committed .po says
        context = e.get("msgctxt")
        if "msgid_plural" in e:
            for n, form in ((1, "msgstr[0]"), (2, "msgstr[1]")):
                found = (
                    compiled.npgettext(context, e["msgid"], e["msgid_plural"], n)
                    if context
                    else compiled.ngettext(e["msgid"], e["msgid_plural"], n)
                )
                assert found == e[form], e["msgid"]
        else:
            found = compiled.pgettext(context, e["msgid"]) if context else compiled.gettext(e["msgid"])
            assert found == e["msgstr"], e["msgid"]
