"""The plugin contract and the VNPAY client, without a gateway: the redirect it builds, the return and
webhook it accepts or refuses, its configuration check, the registry."""

from urllib.parse import parse_qsl, urlsplit

import pytest
from django.test import RequestFactory

from motcua.payments import registry, signing
from motcua.payments.base import BasePlugin
from motcua.payments.errors import BadSignature, PaymentError
from motcua.payments.models import PaymentTransaction
from motcua.payments.services import start_payment
from motcua.payments.states import Outcome

from .conftest import online_dossier
from .gateway import SECRET, TMN_CODE, configure

pytestmark = pytest.mark.django_db


@pytest.fixture
def configured(settings):
    configure(settings, "http://gateway.test")


@pytest.fixture
def txn(world, configured):
    dossier = online_dossier(world)
    transaction, info = start_payment(dossier, user=world.citizen, return_url="http://us.test/back/")
    return transaction, info


def test_vnpay_is_registered_and_unknown_plugins_have_a_stable_code():
    plugin = registry.get("vnpay")
    assert isinstance(plugin, BasePlugin) and plugin.identifier == "vnpay"
    with pytest.raises(PaymentError) as caught:
        registry.get("paypal")
    assert caught.value.code == "payments.unknown_plugin"


def test_a_plugin_id_cannot_be_registered_twice():
    with pytest.raises(ValueError, match="twice"):
        registry.register("vnpay")(type("Again", (BasePlugin,), {}))


def test_the_redirect_carries_the_vnpay_fields_signed(txn):
    transaction, info = txn
    url = urlsplit(info.url)
    assert f"{url.scheme}://{url.netloc}{url.path}" == "http://gateway.test/paymentv2/vpcpay.html"
    params = dict(parse_qsl(url.query))
    assert params["vnp_Version"] == "2.1.0" and params["vnp_Command"] == "pay"
    assert params["vnp_TmnCode"] == TMN_CODE and params["vnp_CurrCode"] == "VND"
    assert params["vnp_Amount"] == "10000000"  # 100,000 đ x 100
    assert params["vnp_TxnRef"] == transaction.reference and params["vnp_ReturnUrl"] == "http://us.test/back/"
    assert transaction.dossier.code in params["vnp_OrderInfo"]
    assert len(params["vnp_CreateDate"]) == 14 and params["vnp_ExpireDate"] > params["vnp_CreateDate"]
    assert signing.verify_query(params, SECRET)
    assert transaction.status == "pending" and transaction.amount == 100_000
    assert list(transaction.payments.values_list("amount", flat=True)) == [100_000]
    assert transaction.events.get().kind == "started"


def _signed_return(transaction, **overrides):
    params = {
        "vnp_TmnCode": TMN_CODE,
        "vnp_Amount": "10000000",
        "vnp_BankCode": "NCB",
        "vnp_ResponseCode": "00",
        "vnp_TransactionStatus": "00",
        "vnp_TransactionNo": "14000001",
        "vnp_TxnRef": transaction.reference,
        **overrides,
    }
    return {**params, "vnp_SecureHash": signing.sign_query(params, SECRET)}


def test_a_signed_return_is_read_into_a_result(txn):
    transaction, _info = txn
    request = RequestFactory().get("/thanh-toan/ket-qua/vnpay/", _signed_return(transaction))
    result = registry.get("vnpay").handle_return(request)
    assert result.outcome == Outcome.PAID and result.amount == 100_000
    assert result.reference == transaction.reference and result.gateway_reference == "14000001"
    cancelled = RequestFactory().get(
        "/", _signed_return(transaction, vnp_ResponseCode="24", vnp_TransactionStatus="02")
    )
    assert registry.get("vnpay").handle_webhook(cancelled).outcome == Outcome.CANCELLED


def test_a_tampered_return_is_refused_with_a_stable_code(txn):
    transaction, _info = txn
    params = {**_signed_return(transaction), "vnp_Amount": "100"}
    with pytest.raises(BadSignature) as caught:
        registry.get("vnpay").handle_return(RequestFactory().get("/", params))
    assert caught.value.code == "payments.bad_signature"
    assert PaymentTransaction.objects.get(pk=transaction.pk).status == "pending"


def test_check_config_names_what_is_missing(settings):
    settings.DEBUG = False
    for name in (
        "MOTCUA_VNPAY_TMN_CODE",
        "MOTCUA_VNPAY_HASH_SECRET",
        "MOTCUA_VNPAY_PAY_URL",
        "MOTCUA_VNPAY_API_URL",
    ):
        setattr(settings, name, "")
    check = registry.get("vnpay").check_config()
    assert not check.ok and "MOTCUA_VNPAY_HASH_SECRET" in check.messages[0]


def test_check_config_says_when_the_gateway_does_not_answer(offline_gateway):
    check = registry.get("vnpay").check_config()
    assert not check.ok and "cổng thanh toán" in check.messages[0].lower()
