"""The admin of days off and office hours, in Vietnamese, with the province checked."""

from datetime import date

import pytest

from motcua.calendar.models import CalendarOverride
from tests.twofactor import verified_login

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(client, django_user_model):
    user = django_user_model.objects.create_superuser("root", password="x")
    verified_login(client, user)
    return client


def test_changelist_and_add_form_in_vietnamese(admin):
    CalendarOverride.objects.create(date=date(2026, 3, 10), kind="day_off", reason="Nghỉ đột xuất")
    page = admin.get("/admin/calendar/calendaroverride/", HTTP_ACCEPT_LANGUAGE="vi")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Nghỉ đột xuất" in text and "Toàn quốc" in text and "Thứ Ba" in text
    assert admin.get("/admin/calendar/officehourssetting/add/").status_code == 200


def test_adding_a_province_day_checks_the_province(admin, provinces):
    form = {"date": "2026-03-10", "kind": "day_off", "reason": "Nghỉ của tỉnh", "legal_basis": ""}
    refused = admin.post("/admin/calendar/calendaroverride/add/", {**form, "province_code": "02"})
    assert refused.status_code == 200  # the form again, with the error
    assert "Không có tỉnh, thành phố đang hiệu lực với mã 02" in refused.content.decode()
    accepted = admin.post("/admin/calendar/calendaroverride/add/", {**form, "province_code": "01"})
    assert accepted.status_code == 302
    assert CalendarOverride.objects.get().province_code == "01"
