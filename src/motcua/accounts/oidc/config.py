"""Where the identity provider is and who we are to it, from settings (themselves from the environment).

Either OIDC_OP_DISCOVERY_URL (the provider's /.well-known/openid-configuration) or the endpoints one by
one (OIDC_OP_ISSUER, OIDC_OP_AUTHORIZATION_ENDPOINT, OIDC_OP_TOKEN_ENDPOINT, OIDC_OP_USERINFO_ENDPOINT,
OIDC_OP_JWKS_ENDPOINT, optional OIDC_OP_END_SESSION_ENDPOINT); with OIDC_RP_CLIENT_ID and
OIDC_RP_CLIENT_SECRET. With DEBUG on and nothing configured, the local provider
(`motcua oidc-provider`, http://127.0.0.1:8001) is used.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

from ..provider.__main__ import DEV_CLIENT_ID, DEV_CLIENT_SECRET

LOCAL_DISCOVERY = "http://127.0.0.1:8001/.well-known/openid-configuration"
ENDPOINTS = {
    "issuer": "OIDC_OP_ISSUER",
    "authorization_endpoint": "OIDC_OP_AUTHORIZATION_ENDPOINT",
    "token_endpoint": "OIDC_OP_TOKEN_ENDPOINT",
    "userinfo_endpoint": "OIDC_OP_USERINFO_ENDPOINT",
    "jwks_uri": "OIDC_OP_JWKS_ENDPOINT",
    "end_session_endpoint": "OIDC_OP_END_SESSION_ENDPOINT",
}
REQUIRED_ENDPOINTS = ("issuer", "authorization_endpoint", "token_endpoint", "jwks_uri")


@dataclass(frozen=True)
class ProviderConfig:
    client_id: str
    client_secret: str
    discovery_url: str
    endpoints: dict
    scopes: str
    personal_id_claim: str
    timeout: float
    local: bool  # the development simulator, not the real provider

    @property
    def configured(self) -> bool:
        if not (self.client_id and self.client_secret):
            return False
        return bool(self.discovery_url) or all(self.endpoints.get(k) for k in REQUIRED_ENDPOINTS)


def provider_config() -> ProviderConfig:
    endpoints = {key: getattr(settings, name, "") for key, name in ENDPOINTS.items()}
    discovery = getattr(settings, "OIDC_OP_DISCOVERY_URL", "")
    client_id = getattr(settings, "OIDC_RP_CLIENT_ID", "")
    secret = getattr(settings, "OIDC_RP_CLIENT_SECRET", "")
    local = settings.DEBUG and not (discovery or any(endpoints.values()) or client_id)
    if local:
        discovery, client_id, secret = LOCAL_DISCOVERY, DEV_CLIENT_ID, DEV_CLIENT_SECRET
    return ProviderConfig(
        client_id=client_id,
        client_secret=secret,
        discovery_url=discovery,
        endpoints={k: v for k, v in endpoints.items() if v},
        scopes=getattr(settings, "OIDC_RP_SCOPES", "openid profile phone email"),
        personal_id_claim=getattr(settings, "OIDC_CLAIM_PERSONAL_ID", "personal_id"),
        timeout=float(getattr(settings, "OIDC_TIMEOUT", 5)),
        local=local,
    )
