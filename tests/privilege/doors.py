"""Every door of the site, read from Django's URL resolver, and what one role finds behind it.

`doors()` walks the resolver (the API's paths included: they are plain Django paths under /api/v1/);
each door is keyed by its namespaced name (`dossiers-api:detail`), or its pattern when it has none.
The admin site is one door (`admin`): its pages share one gate (AdminSite.has_permission).

`knock(matrix, role, door, unit)` asks as `role` and answers with an outcome: the status code, with
`L` appended for a redirect to a sign-in page (`302L`) — and checks on the way that a refusal reads
as ours (a Vietnamese page, or a problem+json code on the API) and that the body carries no personal
data the role may not see."""

from __future__ import annotations

import json
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver, reverse

# Which dossier is "own" and which "other" for each role (conftest.py describes the four dossiers).
OWN = {
    "anon": "ba_dinh",
    "cit": "online",
    "rec": "ba_dinh",
    "spe": "ba_dinh",
    "lea": "ba_dinh",
    "sup": "soc_son",
    "cat": "ba_dinh",
    "pos": "ba_dinh",
    "adm": "soc_son",
}
OTHER = {
    "anon": "soc_son",
    "cit": "ba_dinh",
    "rec": "soc_son",
    "spe": "soc_son",
    "lea": "soc_son",
    "sup": "hai_phong",
    "cat": "hai_phong",
    "pos": "soc_son",
    "adm": "hai_phong",
}

# Whose ID and phone numbers each role may read in full, and whose address (ADR 0051). Everything
# else must appear nowhere in any answer to that role: not in a page, an API body, a redirect.
FULL = {
    "cit": {"online"},
    "rec": {"ba_dinh"},
    "spe": {"ba_dinh", "online"},
    "lea": {"ba_dinh", "online"},
}
WATCHED = {"ba_dinh", "soc_son", "online"}  # Hà Nội's: the supervisor's and the system administrator's
ADDRESS = {**FULL, "sup": WATCHED, "adm": WATCHED}

SIGN_IN_PAGES = ("/tai-khoan/dang-nhap/", "/can-bo/dang-nhap/", "/admin/login/")


def doors() -> dict[str, str]:
    """Key → route, for every URL pattern of the project (the admin site as one)."""
    found: dict[str, str] = {}

    def walk(resolver: URLResolver, prefix: str, namespaces: tuple[str, ...]):
        for entry in resolver.url_patterns:
            route = prefix + str(entry.pattern)
            if isinstance(entry, URLResolver):
                spaces = namespaces + ((entry.namespace,) if entry.namespace else ())
                if spaces and spaces[0] == "admin":
                    found["admin"] = "admin/"
                    continue
                walk(entry, route, spaces)
            elif isinstance(entry, URLPattern):
                key = ":".join((*namespaces, entry.name)) if entry.name else route
                assert key not in found, f"two doors named {key}"
                found[key] = route

    walk(get_resolver(), "", ())
    return found


@dataclass(frozen=True)
class Door:
    """How to knock: the method, and the URL's arguments: a dict, a callable of the matrix, or
    "dossier" (the code of the role's own dossier, then of another unit's, with `extra` arguments)."""

    method: str
    args: object = None
    expect: str = ""  # "role=outcome ..." (a dossier door: "role=own/other")
    extra: tuple = ()

    @property
    def per_unit(self) -> bool:
        return self.args == "dossier"

    def outcomes(self) -> dict[str, tuple[str, ...]]:
        out = {}
        for token in self.expect.split():
            role, _, outcome = token.partition("=")
            out[role] = tuple(outcome.split("/"))
        return out


def url_of(matrix, key: str, door: Door, unit: str | None) -> str:
    if key == "admin":
        return "/admin/dossiers/dossier/"
    if door.args == "dossier":
        kwargs = {"code": matrix.dossiers[unit].code, **dict(door.extra)}
    elif callable(door.args):
        kwargs = door.args(matrix)
    else:
        kwargs = dict(door.args or {})
    if ":" not in key and "/" in key:  # a pattern without a name (the API's catch-all)
        return "/api/v1/no-such-thing"
    return reverse(key, kwargs=kwargs)


def body_of(response) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def knock(matrix, role: str, key: str, door: Door, unit: str | None = None) -> str:
    client = matrix.client(role)
    url = url_of(matrix, key, door, unit)
    response = client.generic(door.method, url, HTTP_ACCEPT_LANGUAGE="vi")
    body = body_of(response)
    outcome = str(response.status_code)
    if response.status_code in (301, 302, 303):
        location = response["Location"]
        outcome += "L" if any(page in location for page in SIGN_IN_PAGES) else ""
        body += location.encode()
    check_refusal(url, response, body)
    check_personal_data(matrix, role, url, body)
    return outcome


def check_refusal(url: str, response, body: bytes) -> None:
    """A refusal is ours: problem+json with a code on the API, a Vietnamese page elsewhere."""
    if response.status_code not in (401, 403, 404, 405):
        return
    if url.startswith("/api/"):
        code = json.loads(body).get("code")
        assert code, f"{url}: {response.status_code} without an error code"
    elif response.get("Content-Type", "").startswith("text/html"):
        assert b'lang="vi"' in body, f"{url}: {response.status_code} is not a Vietnamese page"


def check_personal_data(matrix, role: str, url: str, body: bytes) -> None:
    for key, applicant in matrix.applicants.items():
        if key not in FULL.get(role, set()):
            for secret in (applicant.id_number, applicant.phone):
                assert secret.encode() not in body, f"{role} read {key}'s number {secret} at {url}"
        if key not in ADDRESS.get(role, set()):
            assert applicant.street.encode() not in body, f"{role} read {key}'s address at {url}"
