"""In-app notifications: what lands on an officer's desk, the badge and the inbox page."""

import pytest
from django.urls import reverse

from motcua.dossiers import services
from motcua.notifications.models import InAppNotification
from tests.twofactor import verified_login

from .conftest import at, receive

pytestmark = pytest.mark.django_db


def test_an_assigned_dossier_lands_in_the_specialists_inbox(world, publish, client):
    dossier = receive(world)
    services.assign(
        dossier, actor=world.leader, version=1, assignee=world.specialist, at=at("2026-03-02 10:00")
    )
    publish()
    publish()  # a second run finds nothing new to say
    item = InAppNotification.objects.get(user=world.specialist)
    assert item.title == f"Hồ sơ {dossier.code} được giao cho bạn xử lý" and item.read_at is None

    verified_login(client, world.specialist)
    page = client.get(reverse("notifications:inbox")).content.decode()
    assert item.title in page and 'class="badge"' in page
    assert client.get(reverse("notifications:unread")).json() == {
        "unread": 1,
        "label": "1 thông báo chưa đọc",
    }
    response = client.post(reverse("notifications:open", args=[item.pk]))
    assert response.status_code == 302 and dossier.code in response["Location"]
    item.refresh_from_db()
    assert item.read_at is not None
    assert client.get(reverse("notifications:unread")).json()["unread"] == 0


def test_an_officer_cannot_open_someone_elses_notification(world, publish, client):
    dossier = receive(world)
    services.assign(
        dossier, actor=world.leader, version=1, assignee=world.specialist, at=at("2026-03-02 10:00")
    )
    publish()
    item = InAppNotification.objects.get(user=world.specialist)
    verified_login(client, world.leader)
    assert client.post(reverse("notifications:open", args=[item.pk])).status_code == 404
    item.refresh_from_db()
    assert item.read_at is None
