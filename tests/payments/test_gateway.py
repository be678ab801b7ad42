"""Against the gateway simulator, a real separate process: the payer pays on its page, it redirects back
and calls our webhook on the live server; faults make it late, repetitive, silent, wrong or down.

Whatever arrives, and in whatever order: a payment confirmed is recorded on the dossier exactly once.
"""

import threading
import time
import urllib.request
from urllib.parse import urlsplit

import pytest
from django.db import connections

from motcua.dossiers.models import Dossier, Payment, TrackingEntry
from motcua.payments import services
from motcua.payments.actor import USERNAME
from motcua.payments.errors import GatewayUnavailable, NotRefundable
from motcua.payments.models import PaymentEvent, PaymentTransaction
from tests.twofactor import verified_login

from .conftest import fee_officer, online_dossier

pytestmark = pytest.mark.django_db(transaction=True)


def start(world, client, live_server):
    """The owner presses "Thanh toán trực tuyến": our start page redirects to the gateway."""
    dossier = online_dossier(world)
    client.force_login(world.citizen)
    response = client.post(
        f"/thanh-toan/ho-so/{dossier.code}/thanh-toan/",
        SERVER_NAME=urlsplit(live_server.url).hostname,
        SERVER_PORT=urlsplit(live_server.url).port,
    )
    assert response.status_code == 302, response.content
    return dossier, PaymentTransaction.objects.get(dossier=dossier), response["Location"]


def come_back(client, return_url: str):
    """The payer's browser follows the gateway's redirect to our return page."""
    parts = urlsplit(return_url)
    return client.get(f"{parts.path}?{parts.query}")


def recorded(dossier) -> int:
    """How many times a fee was recorded on the dossier (tracking lines of record_payment)."""
    return TrackingEntry.objects.filter(dossier=dossier, action="record_payment").count()


def fee(dossier) -> Payment:
    return Payment.objects.get(dossier=dossier)


def refresh(txn) -> PaymentTransaction:
    return PaymentTransaction.objects.get(pk=txn.pk)


def wait_until(predicate, timeout: float = 15):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise AssertionError("condition not met in time")


def test_paid_and_confirmed_by_the_payers_return(live_world, client, gateway, live_server):
    gateway.faults(ipn_never=True)
    dossier, txn, gateway_url = start(live_world, client, live_server)
    response = come_back(client, gateway.pay(gateway_url, bank="VCB"))
    assert response.status_code == 302 and response["Location"] == f"/thanh-toan/giao-dich/{txn.reference}/"
    txn = refresh(txn)
    assert txn.status == "paid" and txn.settled_by == "return" and txn.bank == "VCB" and txn.gateway_reference
    payment = fee(dossier)
    assert (payment.status, payment.method, payment.reference) == ("paid", "online", txn.reference)
    assert payment.recorded_by.username == USERNAME and recorded(dossier) == 1
    page = client.get(response["Location"])
    assert "Thanh toán thành công" in page.content.decode() and "100.000" in page.content.decode()


def test_paid_and_confirmed_by_the_webhook_alone(live_world, client, gateway, live_server):
    gateway.faults(return_never=True)
    dossier, txn, gateway_url = start(live_world, client, live_server)
    assert gateway.pay(gateway_url) is None  # the payer closed the window: no return
    assert gateway.wait_for_ipn(txn.reference) == ["00"]
    txn = refresh(txn)
    assert txn.status == "paid" and txn.settled_by == "webhook"
    assert fee(dossier).status == "paid" and recorded(dossier) == 1


def test_a_webhook_sent_twice_is_counted_once(live_world, client, gateway, live_server):
    gateway.faults(return_never=True, ipn_twice=True)
    dossier, txn, gateway_url = start(live_world, client, live_server)
    gateway.pay(gateway_url)
    assert gateway.wait_for_ipn(txn.reference, count=2) == ["00", "02"]  # confirmed, then "already"
    assert recorded(dossier) == 1 and Payment.objects.filter(dossier=dossier).count() == 1
    effects = list(
        PaymentEvent.objects.filter(transaction=txn, kind="webhook").values_list("effect", flat=True)
    )
    assert effects == ["settle", "duplicate"]
    assert Dossier.objects.get(pk=dossier.pk).version == 2  # submitted (1) + one payment


def test_a_late_webhook_after_a_poll_settled_it_changes_nothing(live_world, client, gateway, live_server):
    gateway.faults(return_never=True, ipn_delay=1.5)
    dossier, txn, gateway_url = start(live_world, client, live_server)
    gateway.pay(gateway_url)
    counts = services.reconcile(older_than_minutes=0)
    assert counts["paid"] == 1 and refresh(txn).settled_by == "poll"
    assert gateway.wait_for_ipn(txn.reference) == ["02"]
    assert recorded(dossier) == 1 and refresh(txn).status == "paid"
    # The return page, opened late from the browser history, changes nothing either.
    assert services.reconcile(older_than_minutes=0)["checked"] == 0


def test_a_confirmation_with_a_wrong_amount_is_refused(live_world, client, gateway, live_server):
    gateway.faults(amount_delta=-90_000)
    dossier, txn, gateway_url = start(live_world, client, live_server)
    response = come_back(client, gateway.pay(gateway_url))
    assert response.status_code == 400 and 'data-code="payments.amount_mismatch"' in response.content.decode()
    assert gateway.wait_for_ipn(txn.reference) == ["04"]
    assert refresh(txn).status == "pending" and fee(dossier).status == "due" and recorded(dossier) == 0
    refused = PaymentEvent.objects.filter(transaction=txn, error_code="payments.amount_mismatch")
    assert refused.count() == 2
    # The gateway's own signed status answer, with the true amount, is what settles it.
    assert services.reconcile(older_than_minutes=0)["paid"] == 1 and recorded(dossier) == 1


def test_a_confirmation_with_a_wrong_signature_is_refused(live_world, client, gateway, live_server):
    gateway.faults(bad_signature=True)
    dossier, txn, gateway_url = start(live_world, client, live_server)
    response = come_back(client, gateway.pay(gateway_url))
    assert response.status_code == 400 and 'data-code="payments.bad_signature"' in response.content.decode()
    assert gateway.wait_for_ipn(txn.reference) == ["97"]
    assert refresh(txn).status == "pending" and fee(dossier).status == "due" and recorded(dossier) == 0
    # The status query is signed wrongly too: refused, still nothing changed.
    with pytest.raises(Exception) as caught:
        services.poll(refresh(txn))
    assert caught.value.code == "payments.bad_signature" and refresh(txn).status == "pending"


def test_a_cancelled_payment_says_so_and_records_nothing(live_world, client, gateway, live_server):
    gateway.faults(ipn_never=True)
    dossier, txn, gateway_url = start(live_world, client, live_server)
    response = come_back(client, gateway.pay(gateway_url, action="cancel"))
    page = client.get(response["Location"]).content.decode()
    assert refresh(txn).status == "cancelled" and "Bạn đã hủy giao dịch" in page
    assert fee(dossier).status == "due" and "Thanh toán trực tuyến" in page  # may pay again


@pytest.mark.parametrize("fault", [{"api_error": True}, {"api_delay": 2.0}])
def test_gateway_down_gives_a_clear_message_and_changes_nothing(
    live_world, client, gateway, live_server, settings, fault
):
    settings.MOTCUA_VNPAY_TIMEOUT = 0.5
    gateway.faults(return_never=True, ipn_never=True, **fault)
    dossier, txn, gateway_url = start(live_world, client, live_server)
    gateway.pay(gateway_url)
    with pytest.raises(GatewayUnavailable):
        services.poll(txn)
    page = client.post(f"/thanh-toan/giao-dich/{txn.reference}/")
    text = page.content.decode()
    assert (
        page.status_code == 200
        and "Chưa kết nối được cổng thanh toán" in text
        and "Không có gì thay đổi" in text
    )
    assert "Đang chờ ngân hàng xác nhận" in text
    assert refresh(txn).status == "pending" and fee(dossier).status == "due" and recorded(dossier) == 0
    assert services.reconcile(older_than_minutes=0) == {
        "checked": 1,
        "paid": 0,
        "failed": 0,
        "expired": 0,
        "unreachable": 1,
    }


def test_no_gateway_process_at_all(live_world, offline_gateway):
    dossier = online_dossier(live_world)
    txn, _info = services.start_payment(dossier, user=live_world.citizen, return_url="http://x/")
    with pytest.raises(GatewayUnavailable) as caught:
        services.poll(txn)
    assert caught.value.code == "payments.gateway_unavailable" and refresh(txn).status == "pending"


def test_reconciliation_settles_a_payment_whose_return_and_webhook_never_came(
    live_world, client, gateway, live_server
):
    gateway.faults(return_never=True, ipn_never=True)
    dossier, txn, gateway_url = start(live_world, client, live_server)
    gateway.pay(gateway_url)
    assert services.reconcile(older_than_minutes=5)["checked"] == 0  # too recent to ask
    assert services.reconcile(older_than_minutes=0)["paid"] == 1
    assert refresh(txn).status == "paid" and fee(dossier).status == "paid" and recorded(dossier) == 1


def test_reconciliation_expires_an_abandoned_payment_and_a_late_payment_still_counts(
    live_world, client, gateway, live_server
):
    gateway.faults(ipn_never=True)
    dossier, txn, gateway_url = start(live_world, client, live_server)
    # The payer never opened the gateway page: the gateway does not know the order.
    counts = services.reconcile(older_than_minutes=0, expire_after_minutes=0)
    assert counts["expired"] == 1 and refresh(txn).status == "expired"
    # ... then paid after all, on the old page: the money is not lost.
    come_back(client, gateway.pay(gateway_url))
    assert refresh(txn).status == "paid" and fee(dossier).status == "paid" and recorded(dossier) == 1


def test_the_check_scheduled_at_start_settles_it(live_world, client, gateway, live_server):
    from motcua.payments.tasks import check_transaction

    gateway.faults(return_never=True, ipn_never=True)
    dossier, txn, gateway_url = start(live_world, client, live_server)
    assert check_transaction(txn.pk) == "ignore"  # the payer is still on the gateway's page
    gateway.pay(gateway_url)
    assert check_transaction(txn.pk) == "settle" and check_transaction(txn.pk) == "settled"
    assert recorded(dossier) == 1


def test_the_command_reconciles(live_world, client, gateway, live_server):
    from io import StringIO

    from django.core.management import call_command

    gateway.faults(return_never=True, ipn_never=True)
    _dossier, txn, gateway_url = start(live_world, client, live_server)
    gateway.pay(gateway_url)
    out = StringIO()
    call_command("payments", "reconcile", "--older-than", "0", stdout=out)
    assert "1 đã thanh toán" in out.getvalue() and refresh(txn).status == "paid"


def test_refund_by_an_officer(live_world, client, gateway, live_server):
    gateway.faults(ipn_never=True)
    dossier, txn, gateway_url = start(live_world, client, live_server)
    come_back(client, gateway.pay(gateway_url))
    officer = fee_officer(dossier)
    gateway.faults(api_error=True)
    with pytest.raises(GatewayUnavailable):
        services.refund(refresh(txn), actor=officer, amount=10_000)
    assert refresh(txn).refunded_amount == 0 and not txn.events.filter(kind="refund").exists()
    gateway.faults(api_error=False)
    with pytest.raises(Exception) as caught:
        services.refund(refresh(txn), actor=live_world.citizen, amount=10_000)
    assert caught.value.code == "payments.forbidden"
    txn = services.refund(refresh(txn), actor=officer, amount=40_000, reason="Thu thừa")
    assert (txn.status, txn.refunded_amount) == ("paid", 40_000)
    with pytest.raises(NotRefundable):
        services.refund(txn, actor=officer, amount=70_000)
    txn = services.refund(txn, actor=officer)
    assert (txn.status, txn.refunded_amount) == ("refunded", 100_000)
    assert gateway.order(txn.reference)["refunded"] == 100_000
    assert list(txn.events.filter(kind="refund").values_list("to_status", flat=True)) == ["paid", "refunded"]


def test_check_config_passes_against_the_simulator(gateway):
    from io import StringIO

    from django.core.management import call_command
    from django.core.management.base import CommandError

    from motcua.payments import registry

    check = registry.get("vnpay").check_config()
    assert check.ok, check.messages
    out = StringIO()
    call_command("payments", "check", stdout=out)
    assert out.getvalue().startswith("vnpay: OK")
    gateway.faults(api_error=True)
    with pytest.raises(CommandError):
        call_command("payments", "check", stdout=StringIO())


def _together(*calls):
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def worker(index, call):
        try:
            barrier.wait(timeout=10)
            results[index] = call()
        except Exception as exc:  # noqa: BLE001
            results[index] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_return_and_webhook_at_the_same_moment_record_the_payment_once(
    live_world, client, gateway, live_server
):
    gateway.faults(ipn_never=True)
    dossier, txn, gateway_url = start(live_world, client, live_server)
    return_url = gateway.pay(gateway_url)
    query = urlsplit(return_url).query

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)

    def get(path):
        def call():
            try:
                with opener.open(f"{live_server.url}{path}?{query}", timeout=30) as response:
                    return response.status, response.read().decode()
            except urllib.error.HTTPError as exc:
                return exc.code, ""

        return call

    results = _together(
        get("/thanh-toan/ket-qua/vnpay/"), get("/thanh-toan/ipn/vnpay/"), get("/thanh-toan/ipn/vnpay/")
    )
    assert [r[0] for r in results] == [302, 200, 200], results
    answers = sorted(r[1] for r in results[1:])
    assert recorded(dossier) == 1 and fee(dossier).status == "paid"
    effects = sorted(
        PaymentEvent.objects.filter(transaction=txn).exclude(kind="started").values_list("effect", flat=True)
    )
    assert effects == ["duplicate", "duplicate", "settle"]
    assert any('"RspCode": "02"' in a for a in answers)


def test_an_officer_refunds_from_the_admin(live_world, client, gateway, live_server):
    gateway.faults(ipn_never=True)
    dossier, txn, gateway_url = start(live_world, client, live_server)
    come_back(client, gateway.pay(gateway_url))
    officer = fee_officer(dossier)
    officer.is_staff = officer.is_superuser = True
    officer.save()
    verified_login(client, officer)
    response = client.post(
        "/admin/payments/paymenttransaction/",
        {"action": "refund_in_full", "_selected_action": [txn.pk]},
        follow=True,
    )
    assert "đã hoàn tiền" in response.content.decode() and refresh(txn).status == "refunded"
    response = client.post(
        "/admin/payments/paymenttransaction/",
        {"action": "refund_in_full", "_selected_action": [txn.pk]},
        follow=True,
    )
    assert "Giao dịch này không thể hoàn tiền." in response.content.decode()
