"""Messages to citizens through a real SMTP server and the SMS/Zalo simulator process: Vietnamese words,
the applicant's channels and opt-out, and one message per event and channel whatever is redelivered."""

from datetime import timedelta

import pytest
import requests
from django.utils import timezone

from motcua.dossiers import services
from motcua.dossiers.models import OutboxMessage
from motcua.notifications import delivery as sending
from motcua.notifications.models import Delivery, OptOut, Preference, Status

from .conftest import at, receive

pytestmark = pytest.mark.django_db


def test_reception_sends_a_vietnamese_email_over_smtp(world, smtp, publish):
    dossier = receive(world)
    publish()
    assert len(smtp.messages) == 1
    recipients, mail = smtp.messages[0]
    assert recipients == ["an@example.vn"]
    assert mail["Subject"].strip() == f"Hồ sơ {dossier.code} đã được tiếp nhận"
    body = mail.get_content()
    assert "Kính gửi ông/bà Nguyễn Văn An" in body
    assert dossier.procedure_version.name in body and "Ngày hẹn trả kết quả:" in body
    sent = Delivery.objects.get(dossier=dossier, channel="email")
    assert (sent.kind, sent.status, sent.attempts) == ("received", Status.SENT, 1)


def test_sms_goes_unaccented_to_the_simulator_and_once_per_event(world, smtp, simulator, publish):
    dossier = receive(world)
    publish()
    lines = simulator.lines()
    assert [(line["channel"], line["to"], line["duplicate"]) for line in lines] == [
        ("sms", "0912345678", False)
    ]
    assert lines[0]["text"].startswith(f"Ho so {dossier.code} da duoc tiep nhan.")
    assert lines[0]["text"].isascii()

    # The outbox redelivers the same event (a worker died before marking it): nothing is sent again.
    OutboxMessage.objects.filter(dossier=dossier).update(published_at=None)
    publish()
    assert len(simulator.lines()) == 1 and len(smtp.messages) == 1
    assert Delivery.objects.filter(dossier=dossier).count() == 2  # one e-mail, one SMS
    # A task that runs twice for one delivery does not send twice either.
    for row in Delivery.objects.filter(dossier=dossier):
        assert sending.send(row.pk) == "not_due"
    assert len(simulator.lines()) == 1


def test_an_opt_out_is_respected_and_recorded(world, smtp, simulator, publish):
    OptOut.objects.create(contact="an@example.vn", channel="", reason="Không muốn nhận thư")
    dossier = receive(world)
    publish()
    assert smtp.messages == []
    assert [line["channel"] for line in simulator.lines()] == ["sms"]  # the phone did not opt out
    assert Delivery.objects.get(dossier=dossier, channel="email").status == Status.SKIPPED


def test_the_applicants_choice_of_zalo_keeps_the_diacritics(world, smtp, simulator, publish):
    Preference.objects.create(contact="0912345678", channels=["zalo"])
    dossier = receive(world)
    publish()
    assert smtp.messages == []
    lines = simulator.lines()
    assert [(line["channel"], line["to"]) for line in lines] == [("zalo", "84912345678")]
    assert lines[0]["text"].startswith(f"Hồ sơ {dossier.code} đã được tiếp nhận.")


def test_a_failed_sms_is_tried_again_after_its_backoff(world, simulator, publish, settings):
    settings.MOTCUA_NOTIFY_DEFAULT_CHANNELS = ["sms"]
    requests.post(simulator.url + "/_control/faults", json={"fail_next": 1, "status": 503}, timeout=5)
    dossier = receive(world)
    publish()
    row = Delivery.objects.get(dossier=dossier)
    assert row.status == Status.FAILED and row.attempts == 1 and row.next_attempt_at > timezone.now()
    assert sending.sweep() == {"sent": 0, "tried": 0, "uncertain": 0}  # not yet due
    Delivery.objects.filter(pk=row.pk).update(next_attempt_at=timezone.now() - timedelta(seconds=1))
    assert sending.sweep()["sent"] == 1
    row.refresh_from_db()
    assert (row.status, row.attempts) == (Status.SENT, 2)
    assert len(simulator.lines()) == 1


def test_a_supplement_request_lists_what_to_bring(world, smtp, publish):
    dossier = receive(world)
    dossier = services.assign(
        dossier, actor=world.leader, version=1, assignee=world.specialist, at=at("2026-03-02 10:00")
    )
    services.request_supplement(
        dossier,
        actor=world.specialist,
        version=2,
        items=["Bản sao giấy chứng sinh có chứng thực"],
        reason="Bản sao chưa chứng thực",
        at=at("2026-03-03 09:00"),
    )
    publish()
    subjects = [mail["Subject"].strip() for _to, mail in smtp.messages]
    assert subjects == [
        f"Hồ sơ {dossier.code} đã được tiếp nhận",
        f"Hồ sơ {dossier.code} cần bổ sung giấy tờ",
    ]
    body = smtp.messages[1][1].get_content()
    assert "  - Bản sao giấy chứng sinh có chứng thực" in body and "Lý do: Bản sao chưa chứng thực" in body


def test_without_a_channel_the_applicant_gets_nothing(world, smtp, publish, settings):
    settings.MOTCUA_NOTIFY_EMAIL = False  # e-mail off, SMS and Zalo not configured
    dossier = receive(world)
    publish()
    assert smtp.messages == [] and not Delivery.objects.filter(dossier=dossier).exists()


def test_a_refusal_is_given_up_at_once(world, simulator, publish, settings):
    settings.MOTCUA_NOTIFY_DEFAULT_CHANNELS = ["zalo"]
    settings.MOTCUA_ZALO_ACCESS_TOKEN = "het-han"  # noqa: S105 - an expired token: Zalo answers -124
    dossier = receive(world)
    publish()
    row = Delivery.objects.get(dossier=dossier)
    assert (row.status, row.attempts, row.next_attempt_at) == (Status.DEAD, 1, None)
    assert row.last_error.startswith("-124")
    assert simulator.lines() == []


def test_a_send_interrupted_midway_becomes_uncertain_not_resent(world, simulator, settings):
    settings.MOTCUA_NOTIFY_DEFAULT_CHANNELS = ["sms"]
    dossier = receive(world)
    from motcua.notifications import events

    # Planned (what the plan task does), and the worker killed before it sent: the row says "sending".
    events.plan_events(list(OutboxMessage.objects.filter(dossier=dossier).values_list("pk", flat=True)))
    row = Delivery.objects.get(dossier=dossier)
    Delivery.objects.filter(pk=row.pk).update(
        status=Status.SENDING, attempts=1, claimed_at=timezone.now() - timedelta(minutes=11)
    )
    assert sending.sweep() == {"sent": 0, "tried": 0, "uncertain": 1}
    assert sending.send(row.pk) == "not_due" and simulator.lines() == []


def test_the_command_reports_the_channels(simulator, capsys):
    from django.core.management import call_command

    call_command("notifications", "check")
    out = capsys.readouterr().out
    assert "sms: sms_http ok" in out and "zalo: zalo_oa ok" in out and "email:" in out


def test_the_subscriber_costs_publishing_no_query(world, django_assert_num_queries):
    from motcua.notifications import events
    from motcua.webhooks import services as webhooks

    receive(world)
    message = OutboxMessage.objects.get(topic="dossier.receive")
    webhooks.active_subscriptions()  # the subscriptions' cache is warm, as in a running worker
    with django_assert_num_queries(0):
        events.on_event(message)
        webhooks.on_event(message)
