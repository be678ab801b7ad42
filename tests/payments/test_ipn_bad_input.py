"""The gateway's IPN (server-to-server confirmation) with bad input: a wrong signature, no fields at all,
an unknown reference, an oversized body. Each gets the gateway's refusal code and changes nothing; the
signature refusal is recorded on the transaction."""

import logging

import pytest

from motcua.payments.models import PaymentEvent, PaymentTransaction

from .test_contract import _signed_return, configured, txn  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db
IPN = "/thanh-toan/ipn/vnpay/"


def state(transaction):
    row = PaymentTransaction.objects.get(pk=transaction.pk)
    return row.status, row.version


def test_a_wrong_signature_is_refused_recorded_and_changes_nothing(client, txn):  # noqa: F811
    transaction, _info = txn
    before = state(transaction)
    params = {**_signed_return(transaction), "vnp_SecureHash": "0" * 128}
    response = client.get(IPN, params)
    assert response.json() == {"RspCode": "97", "Message": "Invalid signature"}
    assert state(transaction) == before
    refusal = PaymentEvent.objects.filter(transaction=transaction).order_by("-id").first()
    assert refusal.error_code == "payments.bad_signature"


@pytest.mark.parametrize("params", [{}, {"vnp_TxnRef": "KHONG-CO", "vnp_SecureHash": "x"}])
def test_missing_or_unknown_fields_get_a_refusal_code(client, txn, params):  # noqa: F811
    transaction, _info = txn
    before = state(transaction)
    response = client.get(IPN, params)
    assert response.status_code == 200 and response.json()["RspCode"] in {"97", "01", "99"}
    assert state(transaction) == before


def test_an_oversized_body_is_answered_logged_and_changes_nothing(client, txn, settings, caplog):  # noqa: F811
    transaction, _info = txn
    before = state(transaction)
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    body = {**_signed_return(transaction), "padding": "x" * 4096}
    with caplog.at_level(logging.WARNING):
        response = client.post(IPN, body)
    # Django refuses to read the body (RequestDataTooBig); the view answers the gateway's "unknown
    # error" (it will retry, and reconciliation reads the gateway's truth) and logs the exception.
    assert response.json() == {"RspCode": "99", "Message": "Unknown error"}
    assert state(transaction) == before
    assert "payment webhook failed" in caplog.text and "RequestDataTooBig" in caplog.text
