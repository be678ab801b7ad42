"""Fixtures shared by every app's tests."""

import os
import shutil

import pytest

# The payment gateway simulator's fixtures (`simulator_process`, `gateway`, `offline_gateway`), shared
# by tests/payments and the citizen's journey in tests/browser: one simulator process per session.
pytest_plugins = ["tests.payments.gateway"]

CHROMIUM = os.environ.get("MOTCUA_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(autouse=True, scope="session")
def flush_may_purge_audit_rows():
    """Transactional tests end with Django's flush, which empties tables with DELETE on SQLite (TRUNCATE,
    which row triggers do not see, on PostgreSQL): let it through the append-only triggers (ADR 0031)."""
    from django.core.management.commands import flush

    from motcua.core import kernel

    original = flush.Command.handle

    def handle(self, *args, **options):
        with kernel.purging(options.get("database", "default")):
            return original(self, *args, **options)

    flush.Command.handle = handle
    yield
    flush.Command.handle = original


@pytest.fixture(autouse=True)
def default_language():
    """LocaleMiddleware activates a request's language in the test thread and leaves it active: an English
    request would make every later test see English messages. Each test ends on the default language."""
    yield
    from django.utils import translation

    translation.deactivate()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright. Missing Chromium is a failure, not a skip: `make test`
    installs it, and a skipped browser test would hide a broken page."""
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        pytest.fail("Chromium not found: run `make browser` (installs Debian's chromium).")
    # Playwright's sync API runs an event loop in this thread; the ORM calls made by fixtures in the same
    # thread are still synchronous, so Django's async-safety guard must be told.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def admin_client(db, admin_user):
    """pytest-django's, past the second factor the admin site asks a superuser for (ADR 0051)."""
    from django.test import Client

    from tests.twofactor import verified_login

    return verified_login(Client(), admin_user)
