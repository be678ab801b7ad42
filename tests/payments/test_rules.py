"""Pure rules: the VNPAY signature, amounts in Vietnamese words, what a gateway answer does to a state."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from motcua.payments import signing, states
from motcua.payments.contrib.vnpay import protocol
from motcua.payments.states import Effect, Outcome, TxnStatus
from motcua.payments.words import amount_figures, amount_words, number_words

SECRET = "s3cret"
names = st.text("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=12).map(
    lambda s: "vnp_" + s
)
values = st.text(min_size=1, max_size=30).filter(lambda v: v.strip() == v and "\x00" not in v)
params = st.dictionaries(names, values, min_size=1, max_size=8).filter(
    lambda d: not set(d) & set(signing.HASH_FIELDS)
)


def test_the_signature_covers_sorted_url_encoded_vnp_fields():
    data = {"vnp_TxnRef": "MC1", "vnp_Amount": "10000000", "vnp_OrderInfo": "Thanh toan phi ho so", "x": "y"}
    assert signing.canonical_query(data) == (
        "vnp_Amount=10000000&vnp_OrderInfo=Thanh+toan+phi+ho+so&vnp_TxnRef=MC1"
    )
    signed = {**data, "vnp_SecureHash": signing.sign_query(data, SECRET), "vnp_SecureHashType": "HmacSHA512"}
    assert len(signed["vnp_SecureHash"]) == 128 and signing.verify_query(signed, SECRET)
    assert not signing.verify_query(signed, "another secret")
    assert not signing.verify_query(data, SECRET)  # no hash at all


@given(params)
def test_any_changed_value_breaks_the_signature(data):
    signed = {**data, "vnp_SecureHash": signing.sign_query(data, SECRET)}
    assert signing.verify_query(signed, SECRET)
    name = sorted(data)[0]
    tampered = {**signed, name: data[name] + "1"}
    assert not signing.verify_query(tampered, SECRET)


@given(params)
def test_the_order_of_parameters_does_not_matter(data):
    reversed_data = dict(reversed(list(data.items())))
    assert signing.sign_query(data, SECRET) == signing.sign_query(reversed_data, SECRET)


def test_api_signatures_join_the_listed_fields_with_pipes():
    body = {name: str(i) for i, name in enumerate(protocol.QUERY_FIELDS)}
    body["vnp_SecureHash"] = signing.sign_fields(body, protocol.QUERY_FIELDS, SECRET)
    assert signing.verify_fields(body, protocol.QUERY_FIELDS, SECRET)
    assert not signing.verify_fields({**body, "vnp_TxnRef": "other"}, protocol.QUERY_FIELDS, SECRET)


def test_gateway_amounts_are_hundredths_of_a_dong():
    assert protocol.to_gateway_amount(100_000) == 10_000_000
    assert protocol.from_gateway_amount("10000000") == 100_000
    assert protocol.from_gateway_amount("10000050") is None and protocol.from_gateway_amount("x") is None


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        (0, "Không đồng"),
        (15, "Mười lăm đồng"),
        (21, "Hai mươi mốt đồng"),
        (24, "Hai mươi tư đồng"),
        (105, "Một trăm linh năm đồng"),
        (1_005, "Một nghìn không trăm linh năm đồng"),
        (100_000, "Một trăm nghìn đồng"),
        (1_250_000, "Một triệu hai trăm năm mươi nghìn đồng"),
        (2_000_015, "Hai triệu không trăm mười lăm đồng"),
        (1_000_000_000, "Một tỷ đồng"),
        (3_000_000_000_000, "Ba nghìn tỷ đồng"),
    ],
)
def test_amounts_in_words(amount, words):
    assert amount_words(amount) == words


@given(st.integers(min_value=1, max_value=10**15))
def test_every_amount_has_words_without_gaps(n):
    words = number_words(n)
    assert words and "  " not in words and not words.startswith("không")


def test_figures_use_dots_for_thousands():
    assert amount_figures(1_250_000) == "1.250.000"


def test_the_first_confirmation_settles_and_a_second_is_a_duplicate():
    assert states.effect(TxnStatus.PENDING, Outcome.PAID) == Effect.SETTLE
    assert states.effect(TxnStatus.PAID, Outcome.PAID) == Effect.DUPLICATE
    assert states.effect(TxnStatus.REFUNDED, Outcome.PAID) == Effect.IGNORE


@pytest.mark.parametrize("status", [TxnStatus.FAILED, TxnStatus.CANCELLED, TxnStatus.EXPIRED])
def test_a_late_confirmation_of_a_closed_transaction_is_not_lost(status):
    assert states.effect(status, Outcome.PAID) == Effect.SETTLE


def test_failures_change_only_pending_transactions():
    assert states.effect(TxnStatus.PENDING, Outcome.CANCELLED) == Effect.MARK
    assert states.marked(Outcome.CANCELLED) == TxnStatus.CANCELLED
    assert states.effect(TxnStatus.PAID, Outcome.FAILED) == Effect.IGNORE
    assert states.effect(TxnStatus.FAILED, Outcome.FAILED) == Effect.DUPLICATE
    assert states.effect(TxnStatus.PENDING, Outcome.PENDING) == Effect.IGNORE
    assert states.may_expire(TxnStatus.PENDING) and not states.may_expire(TxnStatus.PAID)
    assert states.may_refund(TxnStatus.PAID) and not states.may_refund(TxnStatus.PENDING)
