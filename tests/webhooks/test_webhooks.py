"""Outgoing webhooks against a real HTTP receiver: signed bodies a receiver can verify, a retry after a
500 with backoff, one delivery per event and subscription, and the topics a subscription asked for."""

import json
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.utils import timezone

from motcua.dossiers import outbox
from motcua.dossiers.models import OutboxMessage
from motcua.webhooks import services, signing
from motcua.webhooks.models import DeliveryStatus, Subscription, WebhookDelivery

from .conftest import receive

pytestmark = pytest.mark.django_db
SECRET = "khoa-bi-mat-cua-he-thong-nhan"  # noqa: S105


class Receiver:
    def __init__(self):
        self.requests = []
        self.answers = []  # status codes to give, in order; then 200

        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):  # noqa: N802
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.requests.append((dict(self.headers), body))
                status = receiver.answers.pop(0) if receiver.answers else 200
                self.send_response(status)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture
def receiver():
    made = Receiver()
    yield made
    made.server.shutdown()
    made.server.server_close()


@pytest.fixture
def publish(django_capture_on_commit_callbacks):
    def run():
        with django_capture_on_commit_callbacks(execute=True):
            outbox.publish_pending()

    services.forget_cache()
    yield run
    services.forget_cache()


def subscribe(receiver, topics):
    services.forget_cache()
    return Subscription.objects.create(
        name="Nền tảng chia sẻ dữ liệu tỉnh", url=receiver.url, secret=SECRET, topics=topics
    )


def test_a_subscribed_event_arrives_signed_and_verifiable(world, receiver, publish):
    subscribe(receiver, ["dossier.*"])
    dossier = receive(world)
    publish()
    assert len(receiver.requests) == 1
    headers, body = receiver.requests[0]
    assert headers["X-Motcua-Event"] == "dossier.receive"
    assert signing.verify(SECRET, body, headers["X-Motcua-Timestamp"], headers["X-Motcua-Signature"])
    assert not signing.verify("khoa-khac", body, headers["X-Motcua-Timestamp"], headers["X-Motcua-Signature"])
    assert not signing.verify(
        SECRET, body + b" ", headers["X-Motcua-Timestamp"], headers["X-Motcua-Signature"]
    )
    envelope = json.loads(body)
    assert envelope["topic"] == "dossier.receive" and envelope["data"]["code"] == dossier.code
    assert WebhookDelivery.objects.get().status == DeliveryStatus.DELIVERED


def test_a_500_is_retried_after_the_backoff_and_logged(world, receiver, publish):
    subscribe(receiver, ["dossier.receive"])
    receiver.answers = [500]
    receive(world)
    publish()
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == (DeliveryStatus.FAILED, 1, 500)
    assert delivery.next_attempt_at > timezone.now() + timedelta(seconds=20)
    assert services.sweep() == {"delivered": 0, "tried": 0}  # its backoff has not passed
    WebhookDelivery.objects.update(next_attempt_at=timezone.now() - timedelta(seconds=1))
    assert services.sweep() == {"delivered": 1, "tried": 1}
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == (
        DeliveryStatus.DELIVERED,
        2,
        200,
    )
    assert len(receiver.requests) == 2 and receiver.requests[0][1] == receiver.requests[1][1]  # same body
    assert receiver.requests[0][0]["X-Motcua-Delivery"] == receiver.requests[1][0]["X-Motcua-Delivery"]


def test_after_the_last_try_a_delivery_is_dead(world, receiver, publish, settings):
    settings.MOTCUA_WEBHOOK_MAX_ATTEMPTS = 2
    subscribe(receiver, ["dossier.receive"])
    receiver.answers = [503, 503]
    receive(world)
    publish()
    WebhookDelivery.objects.update(next_attempt_at=None)
    services.sweep()
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.next_attempt_at) == (DeliveryStatus.DEAD, 2, None)
    assert services.sweep()["tried"] == 0


def test_a_redelivered_event_is_posted_once_and_other_topics_not_at_all(world, receiver, publish):
    subscribe(receiver, ["dossier.return_result"])
    other = Subscription.objects.create(name="Bộ Tư pháp", url=receiver.url, topics=["dossier.receive"])
    services.forget_cache()
    dossier = receive(world)
    publish()
    OutboxMessage.objects.filter(dossier=dossier).update(published_at=None)
    publish()
    assert len(receiver.requests) == 1
    assert list(WebhookDelivery.objects.values_list("subscription", flat=True)) == [other.pk]


def test_an_unreachable_receiver_is_recorded_not_raised(world, publish):
    Subscription.objects.create(name="Hệ thống tắt", url="http://127.0.0.1:9/", topics=["*"])
    services.forget_cache()
    receive(world)
    publish()
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.FAILED and "ConnectionError" in delivery.last_error
    assert not OutboxMessage.objects.filter(published_at__isnull=True).exists()


def test_an_administrator_retries_a_dead_delivery_and_it_is_audited(world, receiver, publish, admin_client):
    from django.contrib.admin.models import LogEntry

    subscribe(receiver, ["dossier.receive"])
    receive(world)
    publish()
    delivery = WebhookDelivery.objects.get()
    WebhookDelivery.objects.update(status=DeliveryStatus.DEAD)
    response = admin_client.post(
        "/admin/webhooks/webhookdelivery/", {"action": "retry_now", "_selected_action": [delivery.pk]}
    )
    assert response.status_code == 302
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.DELIVERED and len(receiver.requests) == 2
    assert LogEntry.objects.filter(object_id=str(delivery.pk), change_message="Gửi lại ngay").exists()
