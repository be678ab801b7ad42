"""The citizen's own page (/nhan-thong-bao/): choose e-mail, SMS or Zalo, or opt out; from the tracking
page with the slip's second factor, or from "Hồ sơ của tôi" signed in. Audited; the planner obeys it."""

import pytest
from django.urls import reverse

from motcua.dossiers.models import OutboxMessage
from motcua.dossiers.tracking import second_factor
from motcua.notifications.models import Delivery, OptOut, Preference, PreferenceChange, Status

from .conftest import receive

pytestmark = pytest.mark.django_db
URL = "/nhan-thong-bao/"


@pytest.fixture
def channels_on(settings, simulator):
    settings.MOTCUA_NOTIFY_DEFAULT_CHANNELS = ["email", "sms"]
    return simulator


def test_the_tracking_page_leads_to_the_choice_with_the_second_factor(client, world, channels_on):
    dossier = receive(world)
    factor = second_factor(dossier.code)
    page = client.get(reverse("portal:tracking"), {"ma": dossier.code, "k": factor}).content.decode()
    assert f"{URL}?ma={dossier.code}&amp;k={factor}" in page
    page = client.get(URL, {"ma": dossier.code, "k": factor}).content.decode()
    assert "Cách nhận thông báo về hồ sơ" in page
    assert "an•••@example.vn" in page and "0912345678" not in page  # contacts masked
    assert 'value="email" checked' in page and 'value="sms" checked' in page  # the default today
    assert 'value="zalo">' in page  # offered, not chosen


def test_choosing_zalo_only_is_recorded_audited_and_obeyed(client, world, channels_on, smtp, publish):
    dossier = receive(world)
    publish()
    factor = second_factor(dossier.code)
    response = client.post(URL, {"ma": dossier.code, "k": factor, "cach": "chon", "kenh": ["zalo"]})
    assert response.status_code == 302 and "da-luu=1" in response["Location"]
    assert "Đã lưu lựa chọn của bạn." in client.get(response["Location"]).content.decode()
    assert dict(Preference.objects.values_list("contact", "channels")) == {
        "an@example.vn": ["zalo"],
        "0912345678": ["zalo"],
    }
    change = PreferenceChange.objects.get()
    assert (change.via, change.channels, change.opted_out, change.actor) == (
        "tracking",
        ["zalo"],
        False,
        None,
    )
    event = OutboxMessage.objects.get(topic="notification_preference.changed")
    assert event.payload == {
        "dossier_code": dossier.code,
        "channels": ["zalo"],
        "opted_out": False,
        "via": "tracking",
    }
    before = len(channels_on.lines())
    receive(world)  # the next dossier with the same contacts
    publish()
    assert [line["channel"] for line in channels_on.lines()[before:]] == ["zalo"]


def test_opting_out_then_back_in(client, world, channels_on, smtp, publish):
    dossier = receive(world)
    factor = second_factor(dossier.code)
    client.post(URL, {"ma": dossier.code, "k": factor, "cach": "khong", "kenh": ["sms"]})
    assert set(OptOut.objects.values_list("contact", "channel")) == {
        ("an@example.vn", ""),
        ("0912345678", ""),
    }
    page = client.get(URL, {"ma": dossier.code, "k": factor, "da-luu": "1"}).content.decode()
    assert "Từ nay bạn không nhận thông báo nào về hồ sơ." in page
    later = receive(world)
    publish()
    assert smtp.messages == [] and channels_on.lines() == []
    assert set(Delivery.objects.filter(dossier=later).values_list("status", flat=True)) == {Status.SKIPPED}
    client.post(URL, {"ma": dossier.code, "k": factor, "cach": "chon", "kenh": ["sms"]})
    assert not OptOut.objects.exists()
    assert PreferenceChange.objects.count() == 2


@pytest.mark.parametrize(
    "form, message",
    [
        ({"cach": "chon"}, "Hãy chọn ít nhất một cách nhận thông báo"),
        ({"cach": "chon", "kenh": ["fax"]}, "Lựa chọn không hợp lệ."),
        ({"kenh": ["sms"]}, "Lựa chọn không hợp lệ."),
    ],
)
def test_a_bad_form_says_why_and_changes_nothing(client, world, channels_on, form, message):
    dossier = receive(world)
    response = client.post(URL, {"ma": dossier.code, "k": second_factor(dossier.code), **form})
    assert response.status_code == 400 and message in response.content.decode()
    assert not Preference.objects.exists() and not PreferenceChange.objects.exists()


def test_a_wrong_factor_or_another_citizen_sees_nothing_and_changes_nothing(client, world, channels_on):
    dossier = receive(world)
    response = client.post(URL, {"ma": dossier.code, "k": "AAAAAAAA", "cach": "khong"})
    assert response.status_code == 404 and "Không tìm thấy hồ sơ" in response.content.decode()
    client.force_login(world.citizen)  # owns nothing here
    assert client.post(URL, {"ma": dossier.code, "cach": "khong"}).status_code == 404
    assert client.get(URL, {"ma": "KHONG-CO"}).status_code == 404
    assert not OptOut.objects.exists() and not PreferenceChange.objects.exists()


def test_the_owner_chooses_from_my_dossiers_without_the_factor(client, world, channels_on):
    dossier = receive(world)
    dossier.owner = world.citizen
    dossier.save(update_fields=["owner"])
    client.force_login(world.citizen)
    page = client.get(reverse("portal:my-dossier", args=[dossier.code])).content.decode()
    assert f"{URL}?ma={dossier.code}" in page
    response = client.post(URL, {"ma": dossier.code, "cach": "chon", "kenh": ["email"]})
    assert response.status_code == 302 and "k=" not in response["Location"]
    change = PreferenceChange.objects.get()
    assert (change.via, change.actor, change.channels) == ("account", world.citizen, ["email"])
