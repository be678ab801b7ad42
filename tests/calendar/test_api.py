"""GET /api/v1/calendar/deadline and /special-days: public, problem JSON with stable codes on errors."""

from datetime import date

import pytest
from rest_framework.test import APIClient

from motcua.calendar import services

pytestmark = pytest.mark.django_db
DEADLINE = "/api/v1/calendar/deadline"


@pytest.fixture
def api():
    return APIClient()


def test_deadline_around_tet_2026(api):
    response = api.get(
        DEADLINE, {"received": "2026-02-13T10:30", "duration": "3 working days", "channel": "counter"}
    )
    assert response.status_code == 200
    body = response.json()
    assert body["counting_start"] == "2026-02-13T10:30:00+07:00"
    assert body["due"] == "2026-02-25T10:30:00+07:00"
    assert body["duration"] == "3 working days" and body["duration_vi"] == "3 ngày làm việc"
    assert body["working_hours"] == 24.0
    assert body["acceptance_deadline"] is None
    assert body["province"] is None
    assert [d["date"] for d in body["special_days"]] == [f"2026-02-{d}" for d in range(16, 21)]
    assert body["special_days"][1] == {"date": "2026-02-17", "working": False, "reason": "Tết Nguyên Đán"}


def test_received_after_the_cutoff_in_utc_and_online(api):
    # 08:30 UTC = 15:30 in Vietnam: counter counting starts on Monday 23/02 after Tết.
    body = api.get(DEADLINE, {"received": "2026-02-13T08:30:00Z", "duration": "same day"}).json()
    assert body["received_at"] == "2026-02-13T15:30:00+07:00"
    assert body["counting_start"] == "2026-02-23T08:00:00+07:00"
    assert body["due"] == "2026-02-23T17:00:00+07:00"
    online = api.get(
        DEADLINE, {"received": "2026-02-14T09:00", "duration": "4 giờ làm việc", "channel": "online"}
    )
    assert online.json()["acceptance_deadline"] == "2026-02-23T17:00:00+07:00"
    assert online.json()["due"] == "2026-02-23T12:00:00+07:00"


def test_an_unencoded_plus_in_the_offset_is_understood(api):
    response = api.get(f"{DEADLINE}?received=2026-02-13T10:30:00+07:00&duration=1+working+hour")
    assert response.status_code == 200
    assert response.json()["due"] == "2026-02-13T11:30:00+07:00"


def test_province_overrides_through_the_api(api, provinces):
    services.set_override(province_code="01", day=date(2026, 3, 10), kind="day_off", reason="Nghỉ của Hà Nội")
    params = {"received": "2026-03-09T10:00", "duration": "1 working day"}
    assert api.get(DEADLINE, params).json()["due"] == "2026-03-10T10:00:00+07:00"
    hanoi = api.get(DEADLINE, {**params, "province": "01"}).json()
    assert hanoi["due"] == "2026-03-11T10:00:00+07:00"
    assert hanoi["province"] == "01" and hanoi["province_verified"] is True


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({"received": "2026-02-30T10:30", "duration": "1 working day"}, "calendar.invalid_datetime"),
        ({"received": "2026-02-13T10:30", "duration": "ba ngày"}, "calendar.invalid_duration"),
        ({"received": "2026-02-13T10:30"}, "calendar.invalid_duration"),
        ({"duration": "1 working day", "channel": "fax"}, "calendar.invalid_channel"),
        ({"duration": "1 working day", "province": "1"}, "calendar.invalid_province"),
        ({"duration": "1 working day", "province": "02"}, "calendar.unknown_province"),
    ],
)
def test_errors_are_problems_with_stable_codes(api, provinces, params, code):
    response = api.get(DEADLINE, params)
    status = 404 if code == "calendar.unknown_province" else 400  # a well-formed code of no province
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/problem+json")
    body = response.json()
    assert body["code"] == code and body["status"] == status
    assert body["title"]  # a Vietnamese sentence


def test_special_days(api, provinces):
    services.set_override(province_code="79", day=date(2026, 8, 29), kind="working_day", reason="Làm bù")
    response = api.get(
        "/api/v1/calendar/special-days", {"start": "2026-08-20", "end": "2026-09-03", "province": "79"}
    )
    assert response.status_code == 200
    assert [(d["date"], d["working"]) for d in response.json()] == [
        ("2026-08-22", True),
        ("2026-08-29", True),
        ("2026-08-31", False),
        ("2026-09-01", False),
        ("2026-09-02", False),
    ]
    bad = api.get("/api/v1/calendar/special-days", {"start": "2026-09-03", "end": "2026-08-20"})
    assert bad.status_code == 400 and bad.json()["code"] == "calendar.invalid_input"
    far = api.get("/api/v1/calendar/special-days", {"start": "8000-01-01", "end": "8000-02-01"})
    assert far.status_code == 400 and far.json()["code"] == "calendar.out_of_range"
    missing = api.get("/api/v1/calendar/special-days", {"start": "2026-09-03"})
    assert missing.status_code == 400 and "end" in missing.json()["details"]


def test_schema_documents_the_endpoints(api):
    schema = api.get("/api/schema/", {"format": "json"}).json()
    deadline = schema["paths"]["/api/v1/calendar/deadline"]["get"]
    assert {p["name"] for p in deadline["parameters"]} >= {"received", "duration", "channel", "province"}
    assert "400" in deadline["responses"]
