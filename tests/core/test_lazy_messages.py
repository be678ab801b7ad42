"""Messages: the storage is built on first use; messages still travel from one request to the next,
and a request that never looks at them neither reads nor writes them."""

import pytest
from django.contrib import messages
from django.http import HttpResponse, JsonResponse
from django.test import override_settings
from django.urls import path


def add(request):
    messages.success(request, "Đã lưu.")
    return HttpResponse("ok")


def show(request):
    return HttpResponse(" | ".join(str(m) for m in messages.get_messages(request)))


def plain(request):
    return JsonResponse({"ok": True})


urlpatterns = [path("add/", add), path("show/", show), path("plain/", plain)]

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]


def test_a_message_reaches_the_next_page_once(client):
    assert "messages" in client.get("/add/").cookies
    assert client.get("/show/").content.decode() == "Đã lưu."
    assert client.get("/show/").content.decode() == ""


def test_a_request_that_never_looks_at_messages_leaves_them_for_later(client):
    client.get("/add/")
    between = client.get("/plain/")
    assert "messages" not in between.cookies  # nothing read, nothing written back
    assert client.get("/show/").content.decode() == "Đã lưu."


@override_settings(MESSAGE_STORAGE="django.contrib.messages.storage.session.SessionStorage")
def test_with_session_storage_an_untouched_request_does_not_save_the_session(client):
    client.get("/add/")
    before = client.session.get("_messages")
    assert before
    response = client.get("/plain/")
    assert "sessionid" not in response.cookies and client.session.get("_messages") == before
    assert client.get("/show/").content.decode() == "Đã lưu."


def test_the_storage_is_built_only_by_a_request_that_uses_it(client, monkeypatch):
    from motcua.core.fast import middleware

    built = []
    real = middleware.default_storage
    monkeypatch.setattr(
        middleware, "default_storage", lambda request: built.append(request.path) or real(request)
    )
    client.get("/plain/")
    client.get("/add/")
    assert built == ["/add/"]
