"""The pages: who may start a payment, the pay page and its include, the webhook without CSRF, the
receipt PDF (Vietnamese, code, payer, amount in figures and words, references)."""

import re
import shutil
import subprocess

import pytest
from django.template import engines
from django.test import RequestFactory

from motcua.dossiers import services as dossier_services
from motcua.payments import services, signing
from motcua.payments.models import PaymentTransaction
from motcua.payments.states import Outcome
from tests.org.factories import user

from .conftest import fee_officer, online_dossier
from .gateway import SECRET, TMN_CODE, configure

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def configured(settings):
    configure(settings, "http://gateway.test")


def start_url(dossier) -> str:
    return f"/thanh-toan/ho-so/{dossier.code}/thanh-toan/"


def test_the_owner_is_sent_to_the_gateway(world, client):
    dossier = online_dossier(world)
    client.force_login(world.citizen)
    response = client.post(start_url(dossier))
    assert response.status_code == 302 and response["Location"].startswith("http://gateway.test/paymentv2/")
    assert "vnp_ReturnUrl=http%3A%2F%2Ftestserver%2Fthanh-toan%2Fket-qua%2Fvnpay%2F" in response["Location"]


def test_an_officer_who_records_fees_may_start_it_too(world, client):
    dossier = online_dossier(world)
    client.force_login(fee_officer(dossier))
    assert client.post(start_url(dossier)).status_code == 302


def test_someone_else_or_nobody_may_not(world, client):
    dossier = online_dossier(world)
    response = client.post(start_url(dossier))
    assert response.status_code == 302 and response["Location"] == (
        f"/tai-khoan/dang-nhap/?next=/thanh-toan/ho-so/{dossier.code}/"
    )
    assert client.get(f"/thanh-toan/ho-so/{dossier.code}/")["Location"].startswith("/tai-khoan/dang-nhap/")
    client.force_login(user(username="stranger"))
    response = client.post(start_url(dossier))
    assert response.status_code == 403 and 'data-code="payments.forbidden"' in response.content.decode()
    assert client.get(f"/thanh-toan/ho-so/{dossier.code}/").status_code == 404
    assert not PaymentTransaction.objects.exists()


def test_start_is_post_only(world, client):
    dossier = online_dossier(world)
    client.force_login(world.citizen)
    assert client.get(start_url(dossier)).status_code == 405


def test_nothing_due_is_said_plainly(world, client):
    proc = world.birth  # free of charge
    dossier = dossier_services.submit_online(
        user=world.citizen,
        procedure=proc,
        province=world.province,
        case=world.case(proc, 0),
        provided=world.documents(proc, 0),
        applicant={
            "kind": "person",
            "full_name": "Lê Thị Hoa",
            "id_number": "001190012345",
            "commune": "00376",
        },
    )
    client.force_login(world.citizen)
    response = client.post(start_url(dossier), {"next": f"/thanh-toan/ho-so/{dossier.code}/"})
    text = response.content.decode()
    assert response.status_code == 409 and "không còn khoản phí, lệ phí nào phải nộp" in text
    assert f'href="/thanh-toan/ho-so/{dossier.code}/"' in text


def test_the_pay_page_shows_the_fees_due_and_the_button(world, client):
    dossier = online_dossier(world)
    client.force_login(world.citizen)
    text = client.get(f"/thanh-toan/ho-so/{dossier.code}/").content.decode()
    assert "100.000 đ" in text and "Thanh toán trực tuyến" in text and dossier.code in text
    assert f'action="/thanh-toan/ho-so/{dossier.code}/thanh-toan/"' in text and "csrfmiddlewaretoken" in text


def test_the_include_renders_in_another_apps_page(world):
    dossier = online_dossier(world)
    request = RequestFactory().get("/ho-so/")
    request.user = world.citizen
    html = (
        engines["django"]
        .from_string('{% include "payments/_pay_button.html" %}')
        .render({"dossier": dossier}, request)
    )
    assert "Thanh toán trực tuyến" in html and 'data-total="100000"' in html
    request.user = user(username="onlooker")
    html = (
        engines["django"]
        .from_string('{% include "payments/_pay_button.html" %}')
        .render({"dossier": dossier}, request)
    )
    assert "100.000 đ" in html and "Thanh toán trực tuyến" not in html


def _signed(txn, **overrides):
    params = {
        "vnp_TmnCode": TMN_CODE,
        "vnp_Amount": str(txn.amount * 100),
        "vnp_BankCode": "NCB",
        "vnp_ResponseCode": "00",
        "vnp_TransactionStatus": "00",
        "vnp_TransactionNo": "14000077",
        "vnp_TxnRef": txn.reference,
        **overrides,
    }
    return {**params, "vnp_SecureHash": signing.sign_query(params, SECRET)}


def test_the_webhook_needs_no_csrf_token_but_a_signature(world):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    dossier = online_dossier(world)
    txn, _info = services.start_payment(dossier, user=world.citizen, return_url="http://x/")
    forged = {**_signed(txn), "vnp_Amount": "1"}
    assert client.post("/thanh-toan/ipn/vnpay/", forged).json() == {
        "RspCode": "97",
        "Message": "Invalid signature",
    }
    assert (
        client.get("/thanh-toan/ipn/vnpay/", _signed(txn, vnp_TxnRef="MCUNKNOWN")).json()["RspCode"] == "01"
    )
    assert client.post("/thanh-toan/ipn/vnpay/", _signed(txn)).json()["RspCode"] == "00"
    assert client.get("/thanh-toan/ipn/vnpay/", _signed(txn)).json()["RspCode"] == "02"
    assert PaymentTransaction.objects.get(pk=txn.pk).status == "paid"
    assert client.get("/thanh-toan/ipn/paypal/").status_code == 404


def paid_transaction(world):
    dossier = online_dossier(world)
    txn, _info = services.start_payment(dossier, user=world.citizen, return_url="http://x/")
    result = registry_result(txn)
    services.apply_result(result, source="return", plugin_id="vnpay")
    return PaymentTransaction.objects.get(pk=txn.pk)


def registry_result(txn):
    from motcua.payments.base import GatewayResult

    return GatewayResult(txn.reference, Outcome.PAID, txn.amount, "14000099", "BIDV", "00", {})


def pdf_text(data: bytes, tmp_path) -> str:
    if not shutil.which("pdftotext"):
        pytest.fail("pdftotext (poppler-utils) is needed for the PDF tests")
    path = tmp_path / "receipt.pdf"
    path.write_bytes(data)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_the_receipt_pdf(world, client, tmp_path):
    txn = paid_transaction(world)
    client.force_login(world.citizen)
    response = client.get(f"/thanh-toan/giao-dich/{txn.reference}/bien-lai.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = " ".join(pdf_text(response.content, tmp_path).split())
    assert "BIÊN LAI THU PHÍ, LỆ PHÍ" in text and txn.dossier.code in text
    assert "Nguyễn Văn An" in text and "100.000 đồng" in text and "Một trăm nghìn đồng" in text
    assert txn.reference in text and "14000099" in text and "BIDV" in text


def test_no_receipt_before_payment_nor_for_others(world, client):
    dossier = online_dossier(world)
    txn, _info = services.start_payment(dossier, user=world.citizen, return_url="http://x/")
    client.force_login(world.citizen)
    assert client.get(f"/thanh-toan/giao-dich/{txn.reference}/bien-lai.pdf").status_code == 404
    text = client.get(f"/thanh-toan/giao-dich/{txn.reference}/").content.decode()
    assert "Đang chờ ngân hàng xác nhận" in text and "chờ ngân hàng xác nhận giao dịch" in text
    client.force_login(user(username="curious"))
    assert client.get(f"/thanh-toan/giao-dich/{txn.reference}/").status_code == 404


def test_the_payment_appears_on_the_dossiers_tracking_sheet(world):
    txn = paid_transaction(world)
    line = txn.dossier.tracking.filter(action="record_payment").get()
    assert line.actor.full_name == "Cổng thanh toán trực tuyến"
    assert line.details == {"payment": txn.payments.get().pk, "amount": 100_000}


def test_a_fee_paid_at_the_counter_meanwhile_is_flagged_not_lost(world):
    dossier = online_dossier(world)
    txn, _info = services.start_payment(dossier, user=world.citizen, return_url="http://x/")
    officer = fee_officer(dossier)
    dossier_services.record_payment(
        dossier, actor=officer, version=dossier.version, payment=dossier.payments.get()
    )
    services.apply_result(registry_result(txn), source="webhook", plugin_id="vnpay")
    txn = PaymentTransaction.objects.get(pk=txn.pk)
    assert txn.status == "paid" and "dossier.invalid_payment" in txn.needs_attention


def test_with_a_broker_a_check_is_scheduled_after_the_expiry(
    world, settings, monkeypatch, django_capture_on_commit_callbacks
):
    from motcua.payments import tasks

    scheduled = []
    monkeypatch.setattr(
        tasks.check_transaction, "apply_async", lambda args, countdown: scheduled.append((args, countdown))
    )
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.MOTCUA_PAYMENTS_EXPIRE_MINUTES = 15
    dossier = online_dossier(world)
    with django_capture_on_commit_callbacks(execute=True):
        txn, _info = services.start_payment(dossier, user=world.citizen, return_url="http://x/")
    assert scheduled == [((txn.pk,), 16 * 60)]
    settings.CELERY_TASK_ALWAYS_EAGER = True
    with django_capture_on_commit_callbacks(execute=True):
        services.start_payment(online_dossier(world), user=world.citizen, return_url="http://x/")
    assert len(scheduled) == 1  # eager: the periodic reconcile does it
    assert re.fullmatch(r"MC\d{6}T\d{6}R[0-9A-F]{6}", txn.reference)
