"""Schemathesis over the whole API (ADR 0052): every operation of the committed schema (docs/openapi.yaml),
called by anyone (public operations), a supervisor (other reads: a session past the second factor, with its
CSRF token) or a reception officer (other writes: Basic authentication), and by nobody or wrong credentials
too (`ignored_auth`), with every check schemathesis has: no server error, status codes,
content types, headers and bodies as declared, schema-valid requests accepted, schema-invalid ones refused,
missing required headers refused, authentication not ignored.

The application is called in-process through Django's WSGI handler: each test runs in the test database's
transaction (pytest-django), rolled back afterwards, so nothing the fuzzer writes reaches other tests.
The budget is fixed (`MAX_EXAMPLES` an operation and generation mode, derandomized): the same requests on
every run."""

import base64
import os
from datetime import date, timedelta
from pathlib import Path

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from tests.twofactor import verified_login

OPENAPI = Path(__file__).resolve().parents[2] / "docs" / "openapi.yaml"
# Deeper runs by hand: MOTCUA_FUZZ_EXAMPLES=200 pytest tests/api
MAX_EXAMPLES = int(os.environ.get("MOTCUA_FUZZ_EXAMPLES", "5"))
PASSWORD = "fuzz-password-1234"


def application(environ, start_response):
    """Django's WSGI handler without the per-request closing of the database connection (which would
    end the test's transaction): what django.test.Client does around each request."""
    handler = getattr(application, "django", None) or get_wsgi_application()
    application.django = handler
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        response = handler(environ, start_response)
        try:
            body = b"".join(response)
        finally:
            response.close()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return [body]


# A schema-valid request may still break a domain rule the schema cannot state (the documents handed in do
# not cover the procedure's checklist, the procedure is not in force that day): those answer 400 with
# the rule's own stable code. So 400 joins the statuses schemathesis expects for schema-valid data, and
# `refused_only_by_domain_rules` fails every 400 whose code says the request itself was not understood:
# then the schema allowed what the parsing refuses, which is a fault of the schema or of the code.
CONFIG = schemathesis.Config.from_dict(
    {"checks": {"positive_data_acceptance": {"expected-statuses": ["2xx", "3xx", "400", "401", "403", "404",
                                                                   "409", "429"]}}}
)  # fmt: skip
PARSING_CODES = {"invalid_input", "error"}
PARSING_SUFFIXES = (".invalid_input", ".invalid_query", ".invalid_datetime", ".invalid_duration",
                    ".invalid_channel", ".invalid_province")  # fmt: skip

schema = schemathesis.openapi.from_path(OPENAPI, config=CONFIG)
schema.app = application


def refused_only_by_domain_rules(ctx, response, case):
    """A schema-valid request is never refused for its form: a 400 names a domain rule."""
    meta = case.meta
    if meta is None or not meta.generation.mode.is_positive or response.status_code != 400:
        return None
    code = response.json().get("code", "")
    if code in PARSING_CODES or code.endswith(PARSING_SUFFIXES):
        raise AssertionError(f"Schema-valid request refused as malformed ({code}): {response.text[:500]}")
    return None


@pytest.fixture
def identities(world, client, settings):
    """The headers of each identity. The postal operator's callbacks are configured, as in production
    (unconfigured, they answer 503 by design)."""
    settings.MOTCUA_POSTAL_CALLBACK_SECRET = "fuzz-callback-secret"
    cache.clear()  # throttles and lockouts counted by earlier tests
    world.officer.set_password(PASSWORD)
    world.officer.save(update_fields=["password"])
    token = base64.b64encode(f"{world.officer.username}:{PASSWORD}".encode()).decode()
    verified_login(client, world.supervisor)
    client.get("/can-bo/")  # sets the CSRF cookie
    csrf = client.cookies["csrftoken"].value
    return {
        "anonymous": {},
        "officer": {"Authorization": f"Basic {token}"},
        "supervisor": {
            "Cookie": f"sessionid={client.cookies['sessionid'].value}; csrftoken={csrf}",
            "X-CSRFToken": csrf,
        },
    }


def identity_for(operation) -> str:
    """Who calls: anyone for a public operation; for the others a supervisor reads (a province's dossiers)
    and a reception officer writes. `ignored_auth` also sends each authenticated request without and with
    wrong credentials, so the refusals are fuzzed too."""
    security = operation.definition.raw.get("security", [])
    if not security or {} in security:
        return "anonymous"
    return "supervisor" if operation.method.upper() == "GET" else "officer"


SECURITY = {"headers": ("Authorization",), "cookies": ("sessionid",)}


def _credentials_of(identity, case) -> None:
    """An identity's own credentials replace those the generator drew for the declared schemes."""
    if not identity:
        return
    for container, names in SECURITY.items():
        values = getattr(case, container)
        for name in names:
            if isinstance(values, dict) and name in values:
                del values[name]


def _within_unwritten_rules(case) -> None:
    """Rules between parameters that an OpenAPI schema cannot state, applied to schema-valid requests only
    (schema-invalid ones are sent as generated): the special days' range ends after it starts, within
    three years."""
    meta = case.meta
    if meta is None or not meta.generation.mode.is_positive or not isinstance(case.query, dict):
        return
    if case.path == "/api/v1/calendar/special-days" and {"start", "end"} <= case.query.keys():
        start = date.fromisoformat(str(case.query["start"]))
        end = date.fromisoformat(str(case.query["end"]))
        if not start <= end <= start + timedelta(days=3 * 365):
            case.query["end"] = (start + timedelta(days=(end - start).days % (3 * 365))).isoformat()


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_every_operation_keeps_its_contract(case, identities, db):
    identity = identities[identity_for(case.operation)]
    _credentials_of(identity, case)
    _within_unwritten_rules(case)
    case.call_and_validate(headers=identity, additional_checks=[refused_only_by_domain_rules])
