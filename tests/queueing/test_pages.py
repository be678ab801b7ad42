"""Queue pages through the test client: booking with bad input (message next to the field, nothing
typed lost), the confirmation with its QR code, the kiosk, the TV board, the counter panel, access."""

import re

import pytest
from django.urls import reverse

from motcua.queueing import clock, services
from motcua.queueing.models import Ticket
from tests.twofactor import verified_login

from .factories import at

pytestmark = pytest.mark.django_db

NOW = at("2026-03-02 08:30")


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch):
    monkeypatch.setattr(clock, "now", lambda: NOW)


def booking_data(w, **overrides):
    data = {
        "service": str(w.civil_ba_dinh.pk),
        "day": "2026-03-02",
        "slot": "09:00",
        "full_name": "Nguyễn Thị Hoa",
        "id_number": "001190012345",
        "phone": "0987654321",
        "priority": "",
    }
    return {**data, **overrides}


def error_next_to(html: str, field: str) -> str:
    """The message in the field's own error paragraph (rendered right under its input)."""
    match = re.search(rf'<p class="field-error" id="{field}-error">([^<]+)</p>', html)
    assert match, f"no error next to {field}"
    return match.group(1)


def book_url(w):
    return reverse("queueing:book", args=[w.point_ba_dinh.code])


def test_the_booking_page_offers_the_working_days_and_slots(client, world):
    html = client.get(book_url(world)).content.decode()
    assert "Đặt lịch lấy số" in html and "Hộ tịch, chứng thực" in html
    assert 'value="2026-03-02"' in html and "(hôm nay)" in html
    assert 'value="2026-03-07"' not in html  # Saturday
    assert 'value="2026-03-06"' in html and 'value="2026-03-09"' not in html  # up to Sunday the 8th
    assert 'value="15:30"' in html and 'value="16:00"' not in html


def test_a_booking_leads_to_the_confirmation_with_a_qr_code(client, world):
    response = client.post(book_url(world), booking_data(world, priority="pregnant"))
    ticket = Ticket.objects.get()
    assert response.status_code == 302 and response.url == reverse("queueing:ticket", args=[ticket.token])
    html = client.get(response.url).content.decode()
    assert "A-001" in html and "Phụ nữ có thai" in html and "<svg" in html and "09:00" in html


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"id_number": "12345"}, "id_number", "Số CCCD gồm 12 chữ số"),
        ({"phone": "abc"}, "phone", "Số điện thoại chưa đúng"),
        ({"full_name": ""}, "full_name", "Hãy nhập họ và tên."),
        ({"slot": ""}, "slot", "Hãy chọn khung giờ."),
        ({"slot": "08:00"}, "slot", "Khung giờ này đã qua"),
        ({"service": "999"}, "service", "Hãy chọn lĩnh vực"),
        ({"day": "2026-03-07"}, "day", "Hãy chọn ngày đến."),
    ],
)
def test_bad_input_is_explained_next_to_its_field_and_keeps_what_was_typed(
    client, world, overrides, field, message
):
    data = booking_data(world, **overrides)
    response = client.post(book_url(world), data)
    html = response.content.decode()
    assert response.status_code == 400 and Ticket.objects.count() == 0
    assert message in error_next_to(html, field)
    assert f'aria-describedby="{field}-error"' in html
    for name in ("full_name", "id_number", "phone"):
        if data[name]:
            assert f'value="{data[name]}"' in html, name
    if data["day"] == "2026-03-02":
        assert re.search(r'<option value="2026-03-02"[^>]*selected', html)
    if data["service"] == str(world.civil_ba_dinh.pk):
        assert re.search(rf'value="{world.civil_ba_dinh.pk}"[^>]*checked', html)


def test_the_per_field_limit_shows_next_to_the_field_choice(client, world):
    client.post(book_url(world), booking_data(world))
    response = client.post(book_url(world), booking_data(world, slot="10:00"))
    assert "Bạn đã có số cho lĩnh vực này" in error_next_to(response.content.decode(), "service")


def test_the_kiosk_gives_a_number_and_checks_in_a_booking(client, world):
    url = reverse("queueing:kiosk", args=[world.point_ba_dinh.code])
    html = client.get(url).content.decode()
    assert "Mời chọn lĩnh vực" in html and "Người cao tuổi" in html
    response = client.post(url, {"service": world.land_ba_dinh.pk, "priority": "elderly"})
    ticket = Ticket.objects.get()
    assert response.url == reverse("queueing:ticket", args=[ticket.token]) + "?kiosk=1"
    assert ticket.number == "B-001" and ticket.status == "checked_in" and ticket.priority == "elderly"
    page = client.get(response.url).content.decode()
    assert "In phiếu" in page and "@media print" not in page  # the print rules live in queue.css

    client.post(book_url(world), booking_data(world))
    check_in = reverse("queueing:check-in", args=[world.point_ba_dinh.code])
    bad = client.post(check_in, {"id_number": "0011900"})
    assert bad.status_code == 400 and "12 chữ số" in error_next_to(bad.content.decode(), "id_number")
    assert 'value="0011900"' in bad.content.decode()
    good = client.post(check_in, {"id_number": "001190012345"})
    assert "Đã xác nhận có mặt" in good.content.decode()
    assert Ticket.objects.get(number="A-001").status == "checked_in"


def test_the_kiosk_refuses_an_unknown_field_without_losing_the_priority(client, world):
    url = reverse("queueing:kiosk", args=[world.point_ba_dinh.code])
    response = client.post(url, {"service": "abc", "priority": "disability"})
    html = response.content.decode()
    assert response.status_code == 400 and "Hãy chọn lĩnh vực" in html
    assert re.search(r'value="disability" checked', html) and Ticket.objects.count() == 0


def test_the_tv_page_and_its_json(client, world):
    ticket = services.issue_walk_in(place=world.point_ba_dinh, service=world.civil_ba_dinh, now=NOW)
    services.call_next(counter=world.counter1, officer=world.officer, now=NOW)
    html = client.get(reverse("queueing:screen", args=[world.point_ba_dinh.code])).content.decode()
    assert ticket.number in html and "screen.js" in html
    board = client.get(reverse("queue-api:board", args=[world.point_ba_dinh.code])).json()
    assert board["counters"][0]["ticket"]["number"] == ticket.number
    assert client.get("/lay-so/man-hinh/khong-co/").status_code == 404


def login(client, user):
    client.force_login(user)


def test_the_counter_panel_calls_the_next_number(client, world):
    services.issue_walk_in(place=world.point_ba_dinh, service=world.civil_ba_dinh, now=NOW)
    panel = reverse("queueing:panel")
    signin = f"{reverse('workspace:login')}?next={panel}"
    assert client.get(panel).url == signin  # staff sign in once, at the workspace
    assert client.get(reverse("queueing:login")).url == signin  # the panel's former sign-in address
    login(client, world.officer)
    html = client.get(panel).content.decode()
    assert "Quầy của bạn" in html and "Gọi số tiếp theo" not in html  # two counters: choose one first
    client.post(reverse("queueing:choose-counter"), {"counter": world.counter1.pk})
    assert "Gọi số tiếp theo" in client.get(panel).content.decode()
    page = client.post(reverse("queueing:act", args=["goi-tiep"]), follow=True).content.decode()
    assert "Đang gọi số A-001 tới quầy 1" in page and "Bắt đầu phục vụ" in page and "Gọi lại" in page
    ticket = Ticket.objects.get()
    client.post(reverse("queueing:act", args=["phuc-vu"]), {"ticket": ticket.pk})
    page = client.post(
        reverse("queueing:act", args=["xong"]), {"ticket": ticket.pk}, follow=True
    ).content.decode()
    assert Ticket.objects.get().status == "done" and "Quầy đang trống" in page
    page = client.post(reverse("queueing:act", args=["goi-tiep"]), follow=True).content.decode()
    assert "Không còn ai đang chờ" in page


def test_an_officer_cannot_pick_a_counter_of_another_place(client, world):
    services.issue_walk_in(place=world.point_ba_dinh, service=world.civil_ba_dinh, now=NOW)
    login(client, world.officer_hoan_kiem)
    html = client.get(reverse("queueing:panel")).content.decode()
    assert "Hoàn Kiếm" in html and "Ba Đình" not in html
    client.post(reverse("queueing:choose-counter"), {"counter": world.counter1.pk})
    client.post(reverse("queueing:act", args=["goi-tiep"]))
    assert Ticket.objects.get().status == "checked_in"


def test_the_call_next_api_refuses_another_places_officer(client, world):
    services.issue_walk_in(place=world.point_ba_dinh, service=world.civil_ba_dinh, now=NOW)
    url = reverse("queue-api:call-next", args=[world.counter1.pk])
    assert client.post(url).status_code in (401, 403)
    login(client, world.officer_hoan_kiem)
    response = client.post(url)
    assert response.status_code == 403 and response.json()["code"] == "queue.forbidden"
    login(client, world.officer)
    assert client.post(url).json()["number"] == "A-001"


def test_the_stats_page_is_for_the_places_staff(client, world):
    url = reverse("queueing:stats", args=[world.point_ba_dinh.code]) + "?ngay=2026-03-02"
    login(client, world.officer_hoan_kiem)
    assert client.get(url).status_code == 403
    ticket = services.issue_walk_in(
        place=world.point_ba_dinh, service=world.civil_ba_dinh, now=at("2026-03-02 08:00")
    )
    kwargs = {"counter": world.counter1, "officer": world.officer}
    services.call_next(**kwargs, now=at("2026-03-02 08:20"))
    services.start_serving(ticket_id=ticket.pk, **kwargs, now=at("2026-03-02 08:21"))
    services.finish(ticket_id=ticket.pk, **kwargs, now=at("2026-03-02 08:26"))
    login(client, world.officer)
    html = client.get(url).content.decode()
    assert "Chờ p90" in html
    assert re.search(
        r"<td>Hộ tịch, chứng thực</td><td>1</td><td>1</td><td>0</td><td>0</td><td>20[.,]0</td><td>20[.,]0</td><td>5[.,]0</td>",
        html,
    )


def test_the_booking_api_gives_stable_codes(client, world):
    url = reverse("queue-api:bookings", args=[world.point_ba_dinh.code])
    data = booking_data(world)
    data["service"] = world.civil_ba_dinh.pk
    created = client.post(url, data, content_type="application/json")
    assert created.status_code == 201 and created.json()["number"] == "A-001"
    again = client.post(url, {**data, "slot": "10:00"}, content_type="application/json")
    assert again.status_code == 409 and again.json()["code"] == "queue.person_field_limit"
    bad = client.post(url, {**data, "day": "x"}, content_type="application/json")
    assert bad.status_code == 400 and bad.json()["code"] == "queue.invalid_input"
    walk = client.post(
        reverse("queue-api:walk-in", args=[world.point_ba_dinh.code]),
        {"service": world.land_ba_dinh.pk},
        content_type="application/json",
    )
    assert walk.status_code == 201 and walk.json()["status"] == "checked_in"


def test_after_the_last_slot_today_is_no_longer_offered(client, world, monkeypatch):
    monkeypatch.setattr(clock, "now", lambda: at("2026-03-02 16:10"))
    html = client.get(book_url(world)).content.decode()
    assert 'value="2026-03-02"' not in html and 'value="2026-03-03"' in html


def test_the_board_costs_the_same_few_queries_however_many_counters(client, world, django_assert_num_queries):
    from motcua.org import services as org

    for _ in range(6):
        org.add_counter(place=world.point_ba_dinh)
        services.issue_walk_in(place=world.point_ba_dinh, service=world.civil_ba_dinh, now=NOW)
    services.call_next(counter=world.counter1, officer=world.officer, now=NOW)
    url = reverse("queue-api:board", args=[world.point_ba_dinh.code])
    with django_assert_num_queries(5):  # the place, counters, numbers at counters, next numbers, count
        board = client.get(url).json()
    assert len(board["counters"]) == 8 and board["waiting"] == 5


def test_check_in_through_the_api_only_at_the_booked_place(client, world):
    book = reverse("queue-api:bookings", args=[world.point_ba_dinh.code])
    data = {**booking_data(world), "service": world.civil_ba_dinh.pk}
    assert client.post(book, data, content_type="application/json").status_code == 201
    elsewhere = reverse("queue-api:check-in", args=[world.point_hoan_kiem.code])
    refused = client.post(elsewhere, {"id_number": "001190012345"}, content_type="application/json")
    assert refused.status_code == 400 and refused.json()["code"] == "queue.no_booking"
    here = reverse("queue-api:check-in", args=[world.point_ba_dinh.code])
    [ticket] = client.post(here, {"id_number": "001190012345"}, content_type="application/json").json()
    assert ticket["number"] == "A-001" and ticket["status"] == "checked_in"


def test_the_admin_shows_numbers_with_their_history_read_only(client, world, django_user_model):
    ticket = services.issue_walk_in(place=world.point_ba_dinh, service=world.civil_ba_dinh, now=NOW)
    admin = django_user_model.objects.create_superuser("quantri", password="x")
    verified_login(client, admin)
    listing = client.get("/admin/queueing/ticket/")
    assert listing.status_code == 200 and "A-001" in listing.content.decode()
    detail = client.get(f"/admin/queueing/ticket/{ticket.pk}/change/").content.decode()
    assert "checked_in" in detail or "Đang chờ" in detail
    assert client.get("/admin/queueing/ticket/add/").status_code == 403
    for path in ("queueservice", "queuesettings"):
        assert client.get(f"/admin/queueing/{path}/").status_code == 200


def test_a_person_cancels_a_booking_from_the_confirmation(client, world):
    client.post(book_url(world), booking_data(world))
    ticket = Ticket.objects.get()
    page = client.post(reverse("queueing:cancel", args=[ticket.token]), follow=True).content.decode()
    assert "Đã huỷ" in page and "Huỷ số này" not in page
    assert Ticket.objects.get().status == "cancelled"
    assert client.get(reverse("queueing:ticket", args=["khong-co"])).status_code == 404
