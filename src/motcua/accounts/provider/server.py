"""The provider's OAuth 2.0 / OpenID Connect core on Authlib's server components, in memory.

`Provider` holds the registered client, the signing key, the issued codes and tokens; `Provider.server`
is an Authlib AuthorizationServer with the authorization code grant, PKCE (S256, required for every
client) and the OpenID Connect extension. Framework glue: a request is our `Request`, a response is the
(status, body, headers) tuple Authlib builds.
"""

from __future__ import annotations

import secrets
import time
from collections import defaultdict
from dataclasses import dataclass, field

from authlib.oauth2 import AuthorizationServer
from authlib.oauth2.rfc6749 import ClientMixin, OAuth2Payload, OAuth2Request
from authlib.oauth2.rfc6749.errors import InvalidRequestError
from authlib.oauth2.rfc6749.grants import AuthorizationCodeGrant
from authlib.oauth2.rfc6750 import BearerTokenGenerator
from authlib.oauth2.rfc7636 import CodeChallenge
from authlib.oidc.core import OpenIDCode
from authlib.oidc.core.grants.util import create_half_hash
from joserfc import jwt
from joserfc.jwk import RSAKey

from .citizens import Citizen
from .faults import SLOW_SECONDS

CODE_LIFETIME = 300
ID_TOKEN_LIFETIME = 600


@dataclass
class Client(ClientMixin):
    client_id: str
    client_secret: str
    redirect_uris: list[str]
    post_logout_redirect_uris: list[str]
    scope: str = "openid profile email phone address"

    def get_client_id(self):
        return self.client_id

    def get_default_redirect_uri(self):
        return self.redirect_uris[0] if self.redirect_uris else None

    def get_allowed_scope(self, scope):
        allowed = set(self.scope.split())
        return " ".join(s for s in (scope or "").split() if s in allowed)

    def check_redirect_uri(self, redirect_uri):
        return redirect_uri in self.redirect_uris

    def check_client_secret(self, client_secret):
        return secrets.compare_digest(self.client_secret.encode(), (client_secret or "").encode())

    def check_endpoint_auth_method(self, method, endpoint):
        return endpoint != "token" or method in ("client_secret_basic", "client_secret_post")

    def check_response_type(self, response_type):
        return response_type == "code"

    def check_grant_type(self, grant_type):
        return grant_type == "authorization_code"


@dataclass
class Code:
    code: str
    client_id: str
    redirect_uri: str
    scope: str
    user: Citizen
    nonce: str | None
    code_challenge: str | None
    code_challenge_method: str | None
    fault: str
    auth_time: int = field(default_factory=lambda: int(time.time()))

    def get_redirect_uri(self):
        return self.redirect_uri

    def get_scope(self):
        return self.scope

    def get_nonce(self):
        return self.nonce

    def get_auth_time(self):
        return self.auth_time

    def get_acr(self):
        return None

    def get_amr(self):
        return None


@dataclass
class Token:
    user: Citizen
    scope: str
    client_id: str
    fault: str
    expires_at: float


class Payload(OAuth2Payload):
    def __init__(self, args: dict, form: dict):
        self._data = {**args, **form}
        self._datalist = defaultdict(list)
        for source in (args, form):
            for key, value in source.items():
                self._datalist[key].append(value)

    @property
    def data(self):
        return self._data

    @property
    def datalist(self):
        return self._datalist


class Request(OAuth2Request):
    def __init__(self, method: str, uri: str, headers: dict, args: dict, form: dict):
        super().__init__(method, uri, headers=headers)
        self.payload = Payload(args, form)
        self._args, self._form = args, form

    @property
    def args(self):
        return self._args

    @property
    def form(self):
        return self._form


class StrictCodeChallenge(CodeChallenge):
    """PKCE for confidential clients too, S256 only (what a national provider should demand)."""

    SUPPORTED_CODE_CHALLENGE_METHOD = ["S256"]

    def validate_code_challenge(self, grant, redirect_uri):
        if not grant.request.payload.data.get("code_challenge"):
            raise InvalidRequestError("Missing 'code_challenge' (PKCE S256 is required)")
        if grant.request.payload.data.get("code_challenge_method") != "S256":
            raise InvalidRequestError("'code_challenge_method' must be S256")
        return super().validate_code_challenge(grant, redirect_uri)


class CodeGrant(AuthorizationCodeGrant):
    TOKEN_ENDPOINT_AUTH_METHODS = ["client_secret_basic", "client_secret_post"]

    def save_authorization_code(self, code, request):
        data = request.payload.data
        self.server.provider.codes[code] = Code(
            code=code,
            client_id=request.client.client_id,
            redirect_uri=data.get("redirect_uri", ""),
            scope=request.client.get_allowed_scope(data.get("scope", "")),
            user=request.user,
            nonce=data.get("nonce"),
            code_challenge=data.get("code_challenge"),
            code_challenge_method=data.get("code_challenge_method"),
            fault=data.get("fault", ""),
        )

    def query_authorization_code(self, code, client):
        found = self.server.provider.codes.get(code)
        if found is None or found.client_id != client.client_id or found.fault == "token_error":
            return None
        if time.time() - found.auth_time > CODE_LIFETIME:
            return None
        return found

    def delete_authorization_code(self, authorization_code):
        self.server.provider.codes.pop(authorization_code.code, None)

    def authenticate_user(self, authorization_code):
        return authorization_code.user


class IdToken(OpenIDCode):
    """The ID token (RS256, with at_hash and nonce), with the fault of its sign-in applied."""

    def __init__(self, provider: Provider):
        super().__init__(require_nonce=True)
        self.provider = provider

    def exists_nonce(self, nonce, request):
        return False  # codes are single-use; a replayed nonce cannot reach the token endpoint twice

    def generate_user_info(self, user, scope):
        return {"sub": user.sub, "name": user.name}

    def encode_id_token(self, token, request):
        code: Code = request.authorization_code
        fault = code.fault
        now = int(time.time())
        claims = {
            "iss": self.provider.issuer + ("/other" if fault == "wrong_issuer" else ""),
            "aud": "another-client" if fault == "wrong_audience" else request.client.client_id,
            "iat": now - 7200 if fault == "expired" else now,
            "exp": now - 3600 if fault == "expired" else now + ID_TOKEN_LIFETIME,
            "auth_time": code.auth_time,
            "at_hash": create_half_hash(token["access_token"], "RS256").decode(),
            **self.generate_user_info(code.user, code.scope),
        }
        if code.nonce:
            claims["nonce"] = "not-the-nonce-you-sent" if fault == "wrong_nonce" else code.nonce
        key = self.provider.rogue_key if fault == "bad_signature" else self.provider.key
        return jwt.encode({"alg": "RS256", "kid": self.provider.key.kid, "typ": "JWT"}, claims, key)

    def process_token(self, grant, response):
        fault = grant.request.authorization_code.fault
        if fault == "slow_token":
            time.sleep(SLOW_SECONDS)
        token = super().process_token(grant, response)
        if fault == "no_id_token":
            token.pop("id_token", None)
        return token


class Server(AuthorizationServer):
    def __init__(self, provider: Provider):
        super().__init__(scopes_supported=["openid", "profile", "email", "phone", "address"])
        self.provider = provider
        self.register_token_generator(
            "default",
            BearerTokenGenerator(access_token_generator=lambda **kw: secrets.token_urlsafe(32)),
        )
        self.register_grant(CodeGrant, [StrictCodeChallenge(required=True), IdToken(provider)])

    def query_client(self, client_id):
        client = self.provider.client
        return client if client_id == client.client_id else None

    def save_token(self, token, request):
        code = request.authorization_code
        self.provider.tokens[token["access_token"]] = Token(
            code.user, token.get("scope", ""), code.client_id, code.fault, time.time() + token["expires_in"]
        )

    def create_oauth2_request(self, request):
        return request

    def create_json_request(self, request):
        return request

    def handle_response(self, status, body, headers):
        return status, body, headers

    def send_signal(self, name, *args, **kwargs):
        pass


class Provider:
    def __init__(self, issuer: str, client: Client, *, personal_id_claim: str = "personal_id"):
        self.issuer = issuer.rstrip("/")
        self.client = client
        self.personal_id_claim = personal_id_claim
        self.key = RSAKey.generate_key(2048, parameters={"use": "sig", "alg": "RS256"})
        self.key.ensure_kid()
        # Same kid, other key: a token that claims to be ours but whose signature does not verify.
        self.rogue_key = RSAKey.generate_key(2048, parameters={"kid": self.key.kid})
        self.codes: dict[str, Code] = {}
        self.tokens: dict[str, Token] = {}
        self.server = Server(self)

    def jwks(self) -> dict:
        return {"keys": [self.key.as_dict(private=False)]}

    def metadata(self) -> dict:
        base = self.issuer
        return {
            "issuer": base,
            "authorization_endpoint": f"{base}/authorize",
            "token_endpoint": f"{base}/token",
            "userinfo_endpoint": f"{base}/userinfo",
            "jwks_uri": f"{base}/jwks",
            "end_session_endpoint": f"{base}/logout",
            "scopes_supported": self.server.scopes_supported,
            "response_types_supported": ["code"],
            "response_modes_supported": ["query"],
            "grant_types_supported": ["authorization_code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
            "code_challenge_methods_supported": ["S256"],
            "claims_supported": [
                "sub",
                "name",
                "birthdate",
                "gender",
                self.personal_id_claim,
                "phone_number",
                "email",
                "address",
            ],
            "ui_locales_supported": ["vi-VN"],
        }

    def userinfo(self, access_token: str) -> tuple[int, dict]:
        token = self.tokens.get(access_token)
        if token is None or token.expires_at < time.time():
            return 401, {"error": "invalid_token"}
        if token.fault == "userinfo_error":
            return 500, {"error": "server_error"}
        claims = token.user.claims(token.scope, self.personal_id_claim)
        if token.fault == "missing_claims":
            claims.pop(self.personal_id_claim, None)
        elif token.fault == "invalid_personal_id":
            claims[self.personal_id_claim] = "999" + claims.get(self.personal_id_claim, "000000000")[3:]
        elif token.fault == "userinfo_other_subject":
            claims["sub"] = "vneid-someone-else"
        return 200, claims
