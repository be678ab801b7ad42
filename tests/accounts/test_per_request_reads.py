"""The read of every signed-in request (the session and its user in one statement, built once): the same
answers as Django's two queries."""

from datetime import timedelta

import pytest
from django.contrib.sessions.backends.db import SessionStore as DjangoDatabaseStore
from django.db import connection
from django.forms.models import model_to_dict
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from motcua.accounts.backends import Backend
from motcua.accounts.models import Session, User
from motcua.accounts.sessions import SessionStore

pytestmark = pytest.mark.django_db


class DjangoStore(DjangoDatabaseStore):
    """Django's own database store, reading the same table through the ORM."""

    key_salt = "django.contrib.sessions.SessionStore"  # the salt of ours (a class of that name)

    @classmethod
    def get_model_class(cls):
        return Session


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


def signed_in(username="can-bo", **extra):
    user = User.objects.create_user(username, password="mat-khau-dai-12", **extra)
    client = Client()
    client.force_login(user)
    return user, client


def test_a_signed_in_request_reads_session_and_user_in_one_statement():
    user, client = signed_in(full_name="Nguyễn Văn An")
    assert Session.objects.get(session_key=client.session.session_key).user_id == user.pk
    with CaptureQueriesContext(connection) as queries:
        request_user = client.get("/healthz").wsgi_request.user
        assert request_user.is_authenticated and request_user.pk == user.pk
    assert model_to_dict(request_user) == model_to_dict(User.objects.get(pk=user.pk))
    assert request_user.date_joined.tzinfo is not None and isinstance(request_user.is_staff, bool)
    reads = [q["sql"] for q in queries.captured_queries if "accounts_user" in q["sql"]]
    assert len(reads) == 1 and "accounts_session" in reads[0], reads


def test_deactivated_or_changed_password_users_are_refused_at_once():
    user, client = signed_in()
    User.objects.filter(pk=user.pk).update(is_active=False)
    assert not client.get("/healthz").wsgi_request.user.is_authenticated
    other, client = signed_in("khac")
    other.set_password("mat-khau-moi-34")
    other.save()  # the session's hash no longer matches: Django's check, on the joined user
    assert not client.get("/healthz").wsgi_request.user.is_authenticated


def test_a_session_without_its_user_column_still_signs_in():
    user, client = signed_in()
    Session.objects.filter(session_key=client.session.session_key).update(user=None)
    request_user = client.get("/healthz").wsgi_request.user
    assert request_user.is_authenticated and request_user.pk == user.pk  # read apart, as before


def test_the_joined_user_serves_only_its_own_request():
    user, client = signed_in()
    store = SessionStore(client.session.session_key)
    store.load()
    assert store.joined_user[0] == str(user.pk)
    User.objects.filter(pk=user.pk).update(is_active=False)
    assert Backend().get_user(user.pk) is None  # outside a request's get_user: read again


def test_a_users_sessions_go_with_the_user():
    user, client = signed_in()
    user.delete()
    assert not Session.objects.exists()
    assert not client.get("/healthz").wsgi_request.user.is_authenticated
