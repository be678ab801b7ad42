"""The two reads of every signed-in request (session, user), built once: the same answers as Django's."""

from datetime import timedelta

import pytest
from django.contrib.sessions.backends.db import SessionStore as DjangoStore
from django.forms.models import model_to_dict
from django.test import Client
from django.utils import timezone

from motcua.accounts.backends import Backend
from motcua.accounts.models import User
from motcua.accounts.sessions import SessionStore

pytestmark = pytest.mark.django_db


def test_the_user_read_is_the_orms_user():
    made = User.objects.create_user("hoa", password="x", full_name="Trần Thị Hoà", email="h@example.vn")
    found = Backend().get_user(made.pk)
    assert found is not None and not found._state.adding
    assert model_to_dict(found) == model_to_dict(User.objects.get(pk=made.pk))
    assert isinstance(found.is_active, bool) and found.date_joined.tzinfo is not None


def test_unknown_inactive_or_malformed_users_are_nobody():
    user = User.objects.create_user("an", password="x")
    assert Backend().get_user(user.pk + 1000) is None
    assert Backend().get_user("not-a-number") is None
    User.objects.filter(pk=user.pk).update(is_active=False)
    assert Backend().get_user(user.pk) is None


def test_a_session_reads_as_djangos_and_expires_alike():
    store = SessionStore()
    store["officer"] = "Lê Văn Minh"
    store.save()
    assert (
        SessionStore(store.session_key).load()
        == DjangoStore(store.session_key).load()
        == {"officer": "Lê Văn Minh"}
    )
    store.set_expiry(timezone.now() - timedelta(seconds=1))
    store.save()
    stale = SessionStore(store.session_key)
    assert stale.load() == {} and stale.session_key is None
    assert SessionStore("x" * 32).load() == {}


def test_signing_in_and_out_still_works_through_both(settings):
    User.objects.create_user("can-bo", password="mat-khau-dai-12")
    client = Client()
    assert client.login(username="can-bo", password="mat-khau-dai-12")
    assert client.session["_auth_user_backend"] == "motcua.accounts.backends.Backend"
    request_user = client.get("/healthz").wsgi_request.user
    assert request_user.is_authenticated and request_user.username == "can-bo"
    client.logout()
    assert not client.get("/healthz").wsgi_request.user.is_authenticated
