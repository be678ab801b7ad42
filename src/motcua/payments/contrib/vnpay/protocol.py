"""The VNPAY payment gateway contract, version 2.1.0 (pure Python, no Django).

Published by VNPAY (sandbox.vnpayment.vn/apis/docs): "Thanh toán PAY" (signed redirect to
/paymentv2/vpcpay.html, return to vnp_ReturnUrl, IPN to the merchant's URL) and the merchant web API
/merchant_webapi/api/transaction (JSON POST: `querydr` and `refund`). The fields used here:

redirect  vnp_Version=2.1.0, vnp_Command=pay, vnp_TmnCode, vnp_Amount (đồng x 100), vnp_CurrCode=VND,
          vnp_TxnRef, vnp_OrderInfo, vnp_OrderType=other, vnp_Locale=vn|en, vnp_ReturnUrl, vnp_IpAddr,
          vnp_CreateDate and vnp_ExpireDate (yyyyMMddHHmmss, GMT+7), vnp_BankCode (optional),
          vnp_SecureHash (HMAC-SHA512 over the sorted, URL-encoded parameters)
return/IPN vnp_TmnCode, vnp_Amount, vnp_BankCode, vnp_BankTranNo, vnp_CardType, vnp_PayDate,
          vnp_OrderInfo, vnp_TransactionNo, vnp_ResponseCode, vnp_TransactionStatus, vnp_TxnRef,
          vnp_SecureHash; the merchant answers the IPN with {"RspCode", "Message"}
querydr   vnp_RequestId, vnp_Version, vnp_Command=querydr, vnp_TmnCode, vnp_TxnRef, vnp_OrderInfo,
          vnp_TransactionDate (the payment's vnp_CreateDate), vnp_CreateDate, vnp_IpAddr, vnp_SecureHash
          (HMAC-SHA512 over QUERY_FIELDS joined by '|'); the answer is signed over QUERY_ANSWER_FIELDS
refund    as querydr plus vnp_TransactionType (02 full, 03 partial), vnp_Amount, vnp_TransactionNo,
          vnp_CreateBy; signed over REFUND_FIELDS, answered signed over REFUND_ANSWER_FIELDS
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

VERSION = "2.1.0"
GMT7 = timezone(timedelta(hours=7))

QUERY_FIELDS = (
    "vnp_RequestId",
    "vnp_Version",
    "vnp_Command",
    "vnp_TmnCode",
    "vnp_TxnRef",
    "vnp_TransactionDate",
    "vnp_CreateDate",
    "vnp_IpAddr",
    "vnp_OrderInfo",
)
QUERY_ANSWER_FIELDS = (
    "vnp_ResponseId",
    "vnp_Command",
    "vnp_ResponseCode",
    "vnp_Message",
    "vnp_TmnCode",
    "vnp_TxnRef",
    "vnp_Amount",
    "vnp_BankCode",
    "vnp_PayDate",
    "vnp_TransactionNo",
    "vnp_TransactionType",
    "vnp_TransactionStatus",
    "vnp_OrderInfo",
    "vnp_PromotionCode",
    "vnp_PromotionAmount",
)
REFUND_FIELDS = (
    "vnp_RequestId",
    "vnp_Version",
    "vnp_Command",
    "vnp_TmnCode",
    "vnp_TransactionType",
    "vnp_TxnRef",
    "vnp_Amount",
    "vnp_TransactionNo",
    "vnp_TransactionDate",
    "vnp_CreateBy",
    "vnp_CreateDate",
    "vnp_IpAddr",
    "vnp_OrderInfo",
)
REFUND_ANSWER_FIELDS = (
    "vnp_ResponseId",
    "vnp_Command",
    "vnp_ResponseCode",
    "vnp_Message",
    "vnp_TmnCode",
    "vnp_TxnRef",
    "vnp_Amount",
    "vnp_BankCode",
    "vnp_PayDate",
    "vnp_TransactionNo",
    "vnp_TransactionType",
    "vnp_TransactionStatus",
    "vnp_OrderInfo",
)

# vnp_ResponseCode of a return/IPN: "00" success, "24" the payer cancelled, others are failures
# (e.g. "11" timed out on the payment page, "51" insufficient funds).
SUCCESS = "00"
PAYER_CANCELLED = "24"
# vnp_TransactionStatus: "00" success, "01" not finished, "02" error; querydr "91": unknown transaction.
STATUS_SUCCESS = "00"
STATUS_PENDING = "01"
STATUS_ERROR = "02"
QUERY_NOT_FOUND = "91"
# The merchant's IPN answer.
IPN_ANSWERS = {
    "ok": ("00", "Confirm Success"),
    "duplicate": ("02", "Order already confirmed"),
    "not_found": ("01", "Order not found"),
    "amount": ("04", "Invalid amount"),
    "signature": ("97", "Invalid signature"),
    "error": ("99", "Unknown error"),
}


def stamp(moment: datetime) -> str:
    """yyyyMMddHHmmss in GMT+7, as every VNPAY date field."""
    return moment.astimezone(GMT7).strftime("%Y%m%d%H%M%S")


def to_gateway_amount(dong: int) -> int:
    return dong * 100


def from_gateway_amount(value: str | int) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number // 100 if number % 100 == 0 else None
