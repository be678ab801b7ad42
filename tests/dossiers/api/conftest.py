"""API helpers: a client signed in as a given user, a snapshot of what a refused call must not change."""

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from motcua.dossiers.models import Dossier, OutboxMessage, TrackingEntry


@pytest.fixture(autouse=True)
def fresh_throttle_and_media(settings, tmp_path):
    cache.clear()  # throttle counters live in the default cache
    settings.MEDIA_ROOT = tmp_path / "media"
    yield
    cache.clear()


def client_for(user) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def url(code: str, tail: str = "") -> str:
    return f"/api/v1/dossiers/{code}{tail}"


def snapshot(dossier) -> tuple:
    """The dossier row, its tracking sheet and every outbox event: a refused call leaves all as they were."""
    row = Dossier.objects.filter(pk=dossier.pk).values().get()
    row.pop("updated_at")
    sheet = list(TrackingEntry.objects.filter(dossier=dossier).values_list("id", "action", "dossier_version"))
    return row, sheet, OutboxMessage.objects.count()


def refused(response, http_status: int, code: str):
    assert response.status_code == http_status, response.content
    assert response["Content-Type"].startswith("application/problem+json")
    body = response.json()
    assert body["code"] == code, body
    assert body["title"] and body["status"] == http_status
    return body
