"""Faults the local provider can inject, chosen per sign-in on its login page (or `?fault=` on the
authorization request, or MOTCUA_OIDC_PROVIDER_FAULT for every sign-in). Each one is something a real
provider, a network or an attacker can do to a relying party."""

FAULTS = {
    "": "Bình thường (không lỗi)",
    "bad_signature": "ID token ký bằng khoá không có trong JWKS",
    "expired": "ID token đã hết hạn",
    "wrong_nonce": "ID token mang nonce khác",
    "wrong_audience": "ID token cấp cho ứng dụng khác (aud)",
    "wrong_issuer": "ID token do bên khác phát hành (iss)",
    "wrong_state": "Chuyển hướng về với state khác",
    "no_id_token": "Điểm cấp token không trả ID token",
    "token_error": "Điểm cấp token từ chối mã (invalid_grant)",
    "slow_token": "Điểm cấp token trả lời rất chậm",
    "missing_claims": "Thiếu số định danh cá nhân trong userinfo",
    "invalid_personal_id": "Số định danh cá nhân không hợp lệ",
    "userinfo_other_subject": "Userinfo trả về một người khác (sub khác)",
    "userinfo_error": "Điểm userinfo lỗi 500",
}

SLOW_SECONDS = 5.0
