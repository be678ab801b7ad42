"""After a VNPAY payment (the gateway's signed IPN and the payer's return, as the simulator sends them):
the officer's dossier page shows the payment and offers no fee recording, recording again is refused
with a stable code, and the payment page leads back to the dossier."""

import pytest
from django.urls import reverse

from motcua.dossiers import services as dossier_services
from motcua.dossiers.models import Dossier, Payment
from motcua.payments import signing
from motcua.payments.models import PaymentTransaction

from .conftest import fee_officer, online_dossier
from .gateway import SECRET, TMN_CODE, configure

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def configured(settings):
    configure(settings, "http://gateway.test")


def gateway_message(txn) -> dict:
    """What VNPAY sends for a successful payment (IPN and return carry the same signed parameters)."""
    params = {
        "vnp_TmnCode": TMN_CODE,
        "vnp_Amount": str(txn.amount * 100),
        "vnp_BankCode": "NCB",
        "vnp_ResponseCode": "00",
        "vnp_TransactionStatus": "00",
        "vnp_TransactionNo": "14000123",
        "vnp_TxnRef": txn.reference,
    }
    return {**params, "vnp_SecureHash": signing.sign_query(params, SECRET)}


def paid_online(world, client):
    dossier = online_dossier(world)
    client.force_login(world.citizen)
    started = client.post(f"/thanh-toan/ho-so/{dossier.code}/thanh-toan/")
    assert started.status_code == 302
    txn = PaymentTransaction.objects.get(dossier=dossier)
    message = gateway_message(txn)
    assert client.get("/thanh-toan/ipn/vnpay/", message).json()["RspCode"] == "00"
    back = client.get("/thanh-toan/ket-qua/vnpay/", message)
    return Dossier.objects.get(pk=dossier.pk), txn, back


def test_the_officer_sees_the_online_payment_and_is_not_offered_to_record_it_again(world, client):
    dossier, txn, _back = paid_online(world, client)
    officer = fee_officer(dossier)
    client.force_login(officer)
    response = client.get(reverse("workspace:dossier", args=[dossier.code]))
    html = response.content.decode()
    assert "record_payment" not in [a["action"] for a in response.context["actions"]]
    assert 'id="act-record-payment"' not in html  # (the timeline still names the recording)
    assert "100.000&nbsp;đ" in html and "Đã nộp" in html and "Thanh toán trực tuyến" in html
    assert txn.reference in html

    again = client.post(
        reverse("workspace:act", args=[dossier.code, "record-payment"]),
        {"version": dossier.version, "amount": "100000", "method": "cash"},
    )
    assert again.status_code == 409
    assert "Phí, lệ phí của hồ sơ đã được ghi nhận; không ghi nhận thu lần nữa." in again.content.decode()
    with pytest.raises(Exception) as refused:
        dossier_services.record_payment(dossier, actor=officer, version=dossier.version, amount=100_000)
    assert refused.value.code == "dossier.fees_already_paid"
    assert list(Payment.objects.filter(dossier=dossier).values_list("status", flat=True)) == ["paid"]


def test_the_payment_page_leads_back_to_the_dossier(world, client):
    dossier, txn, back = paid_online(world, client)
    page = client.get(back["Location"]) if back.status_code == 302 else back
    html = page.content.decode()
    assert "Đã nhận" in html and f'href="/ho-so-cua-toi/{dossier.code}/"' in html
    client.force_login(fee_officer(dossier))
    html = client.get(f"/thanh-toan/giao-dich/{txn.reference}/").content.decode()
    assert f'href="{reverse("workspace:dossier", args=[dossier.code])}"' in html
