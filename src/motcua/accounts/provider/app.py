"""The provider's HTTP face: a WSGI application over `Provider`, served by the standard library.

GET  /.well-known/openid-configuration   discovery
GET  /jwks                               the public signing key
GET  /authorize                          the login page: pick a demo citizen (and, for tests, a fault)
POST /authorize                          sign in (→ redirect with code) or cancel (→ error=access_denied)
POST /token                              code → tokens (client_secret_basic or _post, PKCE verifier)
GET  /userinfo                           Bearer access token → claims
GET  /logout                             RP-initiated logout (post_logout_redirect_uri must be registered)
"""

from __future__ import annotations

import html
import json
import socketserver
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from authlib.oauth2.rfc6749.errors import OAuth2Error
from joserfc import jwt
from joserfc.errors import JoseError

from .citizens import BY_SUBJECT, CITIZENS
from .faults import FAULTS
from .server import Provider, Request

STATUS = {200: "200 OK", 302: "302 Found", 400: "400 Bad Request", 401: "401 Unauthorized"}
STATUS |= {404: "404 Not Found", 405: "405 Method Not Allowed", 500: "500 Internal Server Error"}
HIDDEN = ("response_type", "client_id", "redirect_uri", "scope", "state", "nonce", "code_challenge")
HIDDEN += ("code_challenge_method", "ui_locales", "prompt")


class App:
    def __init__(self, provider: Provider, *, default_fault: str = ""):
        self.provider = provider
        self.default_fault = default_fault if default_fault in FAULTS else ""

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "/")
        method = environ.get("REQUEST_METHOD", "GET")
        routes = {
            "/.well-known/openid-configuration": self.discovery,
            "/jwks": self.jwks,
            "/authorize": self.authorize,
            "/token": self.token,
            "/userinfo": self.userinfo,
            "/logout": self.logout,
            "/": self.home,
        }
        handler = routes.get(path.rstrip("/") or "/")
        if handler is None:
            status, body, headers = _json(404, {"error": "not_found"})
        else:
            status, body, headers = handler(method, _request(environ))
        if isinstance(body, dict):
            body = json.dumps(body, ensure_ascii=False)
            headers = [*headers, ("Content-Type", "application/json")]
        data = (body or "").encode()
        start_response(STATUS.get(status, f"{status} Status"), [*headers, ("Content-Length", str(len(data)))])
        return [data]

    # --- endpoints ---------------------------------------------------------------------------------

    def discovery(self, method, request):
        return _json(200, self.provider.metadata())

    def jwks(self, method, request):
        return _json(200, self.provider.jwks())

    def home(self, method, request):
        return _html(200, "Nhà cung cấp định danh (mô phỏng)", "<p>Xem /.well-known/openid-configuration</p>")

    def authorize(self, method, request):
        server = self.provider.server
        try:
            grant = server.get_consent_grant(request)
        except OAuth2Error as error:
            if error.redirect_uri:  # client and redirect_uri are known good: tell the client (RFC 6749)
                return server.handle_error_response(request, error)
            return _html(
                400,
                "Yêu cầu đăng nhập không hợp lệ",
                f"<p>{html.escape(error.description or error.error)}</p>",
            )
        if method == "GET":
            return _html(200, "Đăng nhập tài khoản định danh điện tử", self._login_form(request))
        if request.form.get("action") == "cancel":
            return _redirect(
                _with_params(grant.redirect_uri, error="access_denied", state=request.payload.state)
            )
        citizen = BY_SUBJECT.get(request.form.get("citizen", ""))
        if citizen is None:
            return _html(400, "Chưa chọn công dân", self._login_form(request, error="Hãy chọn một công dân."))
        request.form.setdefault("fault", "")
        status, body, headers = server.create_authorization_response(request, grant_user=citizen, grant=grant)
        if request.form.get("fault") == "wrong_state":
            headers = [
                (k, _with_params(v, state="forged-state") if k == "Location" else v) for k, v in headers
            ]
        return status, body, headers

    def token(self, method, request):
        if method != "POST":
            return _json(405, {"error": "invalid_request"})
        status, body, headers = self.provider.server.create_token_response(request)
        return status, body, [*headers, ("Cache-Control", "no-store")]

    def userinfo(self, method, request):
        auth = request.headers.get("Authorization", "")
        if not auth.lower().startswith("bearer "):
            return 401, {"error": "invalid_token"}, [("WWW-Authenticate", "Bearer")]
        status, claims = self.provider.userinfo(auth[7:].strip())
        return status, claims, []

    def logout(self, method, request):
        params = request.payload.data
        target = params.get("post_logout_redirect_uri", "")
        hint_ok = True
        if params.get("id_token_hint"):
            try:
                jwt.decode(params["id_token_hint"], self.provider.key)
            except (JoseError, ValueError):
                hint_ok = False
        if target and hint_ok and target in self.provider.client.post_logout_redirect_uris:
            return _redirect(_with_params(target, state=params.get("state")))
        return _html(
            200, "Đã đăng xuất", "<p>Bạn đã đăng xuất khỏi tài khoản định danh điện tử (mô phỏng).</p>"
        )

    # --- the login page ----------------------------------------------------------------------------

    def _login_form(self, request, error: str = "") -> str:
        data = request.payload.data
        hidden = "".join(
            f'<input type="hidden" name="{name}" value="{html.escape(data[name])}">'
            for name in HIDDEN
            if data.get(name)
        )
        chosen = data.get("fault", self.default_fault)
        people = "".join(
            f'<li><label><input type="radio" name="citizen" value="{c.sub}"{" checked" if i == 0 else ""}> '
            f"<b>{html.escape(c.name)}</b> — CCCD {c.personal_id}, sinh {c.birthdate}</label></li>"
            for i, c in enumerate(CITIZENS)
        )
        faults = "".join(
            f'<option value="{key}"{" selected" if key == chosen else ""}>{html.escape(label)}</option>'
            for key, label in FAULTS.items()
        )
        message = f'<p class="error" role="alert">{html.escape(error)}</p>' if error else ""
        return (
            f"{message}<p>Đây là <b>hệ thống mô phỏng</b> dùng khi phát triển và kiểm thử, không phải VNeID thật. "
            f"Ứng dụng <b>{html.escape(self.provider.client.client_id)}</b> xin thông tin định danh của bạn.</p>"
            f'<form method="post" action="/authorize">{hidden}'
            f'<fieldset><legend>Chọn công dân</legend><ul class="people">{people}</ul></fieldset>'
            f'<p><label for="fault">Tình huống mô phỏng</label> <select id="fault" name="fault">{faults}</select></p>'
            '<p><button name="action" value="login" class="primary">Đồng ý và đăng nhập</button> '
            '<button name="action" value="cancel">Huỷ</button></p></form>'
        )


def _request(environ) -> Request:
    query = dict(parse_qsl(environ.get("QUERY_STRING", ""), keep_blank_values=True))
    form = {}
    if environ.get("REQUEST_METHOD") == "POST":
        length = int(environ.get("CONTENT_LENGTH") or 0)
        raw = environ["wsgi.input"].read(length).decode() if length else ""
        form = dict(parse_qsl(raw, keep_blank_values=True))
    headers = {"Content-Type": environ.get("CONTENT_TYPE", "")}
    if "HTTP_AUTHORIZATION" in environ:
        headers["Authorization"] = environ["HTTP_AUTHORIZATION"]
    host = environ.get("HTTP_HOST") or f"{environ['SERVER_NAME']}:{environ['SERVER_PORT']}"
    uri = f"http://{host}{environ.get('PATH_INFO', '/')}"
    if environ.get("QUERY_STRING"):
        uri += "?" + environ["QUERY_STRING"]
    return Request(environ.get("REQUEST_METHOD", "GET"), uri, headers, query, form)


def _with_params(uri: str, **params) -> str:
    parts = urlsplit(uri)
    query = [(k, v) for k, v in parse_qsl(parts.query) if k not in params]
    query += [(k, v) for k, v in params.items() if v]
    return urlunsplit(parts._replace(query=urlencode(query)))


def _json(status, payload):
    return status, payload, []


def _redirect(location):
    return 302, "", [("Location", location)]


def _html(status, title, body):
    page = f"""<!doctype html><html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>{html.escape(title)} · VNeID (mô phỏng)</title>
<style>body{{font-family:"DejaVu Sans",Arial,sans-serif;max-width:40rem;margin:0 auto;padding:1rem;color:#1d2430}}
header{{background:#c8102e;color:#fff;padding:.8rem 1rem;border-radius:6px}} ul.people{{list-style:none;padding:0}}
li{{padding:.3rem 0}} button{{font:inherit;padding:.5rem 1rem;border-radius:6px;border:1px solid #888;cursor:pointer}}
.primary{{background:#c8102e;color:#fff;border-color:#c8102e}} .error{{color:#8a0d14}}
:focus-visible{{outline:3px solid #1a5fd0;outline-offset:2px}}</style></head>
<body><header><b>VNeID</b> · Định danh điện tử (mô phỏng)</header><h1>{html.escape(title)}</h1>{body}</body></html>"""
    return status, page, [("Content-Type", "text/html; charset=utf-8")]


class _Threaded(socketserver.ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the standard library's name
        pass


def serve(app: App | None, host: str, port: int, *, quiet: bool = True):
    """A threaded WSGI server; port 0 picks a free port (read `server.server_port`)."""
    handler = _QuietHandler if quiet else WSGIRequestHandler
    return make_server(host, port, app, server_class=_Threaded, handler_class=handler)
