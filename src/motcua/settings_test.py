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
