"""Settings for the test suite: the real settings, with a throwaway key and home folder.

pytest-django imports settings before any conftest runs, so these defaults cannot live in conftest.py.
"""

import os
import tempfile

os.environ.setdefault("MOTCUA_INSECURE_DEV_KEY", "1")
os.environ.setdefault("MOTCUA_HOME", tempfile.mkdtemp(prefix="motcua-test-"))

from motcua.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast users in tests only
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
WHITENOISE_AUTOREFRESH = True  # serve from the app folders; no collectstatic before tests

# SQLite tests use a file, as production does: an in-memory test database is shared-cache, whose table
# locks fail at once ("database table is locked") instead of waiting like IMMEDIATE transactions in WAL
# mode, so tests with real concurrent connections (tests/dossiers/test_concurrency.py) need the file.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(MOTCUA_HOME / "test.sqlite3")}  # noqa: F405

# The suite checks the production rules whatever DEBUG the shell exports (`make test` exports DEBUG=1):
# supervisors and system administrators pass a second factor (ADR 0044).
MOTCUA_OTP_REQUIRED_ROLES = ["supervisor", "system_admin"]
