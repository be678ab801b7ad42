"""Django settings, all from the environment (12-factor).

DATABASE_URL     default sqlite:///$MOTCUA_HOME/motcua.sqlite3 (PostgreSQL in production)
SECRET_KEY       required when DEBUG is off (but for read-only commands, motcua.cli.KEYLESS)
DEBUG            "1"/"true" to enable
ALLOWED_HOSTS    comma-separated
MOTCUA_HOME      folder for the SQLite file and uploaded media (default ./var)
CELERY_BROKER_URL  default: tasks run eagerly in-process (tests); `make run`: filesystem:// (embedded);
                 production: amqp://... (RabbitMQ) or redis://...
MOTCUA_PORTAL_URL  the National Public Service Portal (or `motcua portal simulator`); empty: nothing sent
OIDC_*           citizen sign-in through the national identity provider (see below)
EMAIL_*, MOTCUA_SMS_*, MOTCUA_ZALO_*, MOTCUA_NOTIFY_*  notifications to citizens (see below)
MOTCUA_LOG_FORMAT  "json" for one JSON object a log line
MOTCUA_TRUSTED_PROXIES  CIDRs of our reverse proxies (X-Forwarded-For is read only from them)
MOTCUA_SIGN_IN_*, MOTCUA_OTP_*, SESSION_*  accounts hardening (see below, ADR 0044)
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def _keyless_command() -> bool:
    """Is this process a `motcua` command that needs no key (motcua.cli.KEYLESS)? Never when serving."""
    from motcua import cli

    return cli.keyless_command


MOTCUA_HOME = Path(os.environ.get("MOTCUA_HOME", Path.cwd() / "var")).resolve()
MOTCUA_HOME.mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if DEBUG or env_bool("MOTCUA_INSECURE_DEV_KEY"):
        SECRET_KEY = "insecure-development-key-do-not-use-in-production"  # noqa: S105
    elif not _keyless_command():
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    # else a read-only command (`motcua deadline`, `catalog search`…): the key stays empty, and Django
    # refuses any use of it ("The SECRET_KEY setting must not be empty"). ADR 0029.

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]" if DEBUG else "")

INSTALLED_APPS = [
    "motcua.accounts.apps.AdminConfig",  # django.contrib.admin behind the second factor (ADR 0051)
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "motcua.core",
    "motcua.accounts",
    "motcua.units",
    "motcua.org",
    "motcua.calendar",
    "motcua.catalog",
    "motcua.search",
    "motcua.dossiers",
    "motcua.documents",
    "motcua.queueing",
    "motcua.portal",
    "motcua.payments",
    "motcua.homeservice",
    "motcua.postal",
    "motcua.workspace",
    "motcua.simulation",
    "motcua.feedback",
    "motcua.integrity",
    "motcua.index",
    "motcua.legacy",
    "motcua.nationalportal",
    "motcua.supervision",
    "motcua.privacy",
    "motcua.notifications",
    "motcua.webhooks",
    "django_prometheus",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "motcua.accounts.middleware.AuthenticationMiddleware",  # Django's, user read with the session
    "django_otp.middleware.OTPMiddleware",  # request.user.is_verified(): the second factor of this session
    "motcua.core.fast.middleware.LazyMessageMiddleware",  # Django's, storage built on first use
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",  # a locked-out sign-in answers with core.lockout.response
    "motcua.core.outage.DatabaseUnavailableMiddleware",  # last: the database unreachable is a 503
]

ROOT_URLCONF = "motcua.urls"
WSGI_APPLICATION = "motcua.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "motcua.navigation.context",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{MOTCUA_HOME / 'motcua.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        # A kept connection is checked (SELECT 1 on PostgreSQL) before a request first uses it: after a
        # database restart the first request reconnects instead of failing on a dead socket.
        conn_health_checks=True,
    )
}
# A database that cannot be reached answers 503 with this Retry-After (core.outage, ADR 0054).
MOTCUA_RETRY_AFTER_SECONDS = int(os.environ.get("MOTCUA_RETRY_AFTER_SECONDS", "5"))
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL + a busy timeout: readers never block the single writer, writers queue instead of failing.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Django turns psycopg's prepared statements off (prepare_threshold None) for poolers; only the
    # server-side-binding cursors of core.fast.rows prepare, from a shape's Nth run on a connection
    # (ADR 0019). "none" turns them off, for a transaction-pooling PgBouncer older than 1.21.
    _prepare = os.environ.get("DATABASE_PREPARE_THRESHOLD", "5").strip().lower()
    DATABASES["default"].setdefault("OPTIONS", {})["prepare_threshold"] = (
        None if _prepare in ("", "none") else int(_prepare)
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# fields.W161 warns when a fixed default is within 10 s of now. For the TimeFields of office hours
# (8:00, 12:00, 13:00, 15:00, 17:00) that is every day at those moments (UTC), and the warning then
# broke every management command's output. No date or datetime field here has a fixed default.
SILENCED_SYSTEM_CHECKS = ["fields.W161"]
AUTH_USER_MODEL = "accounts.User"
# ModelBackend and database sessions, with their per-request reads built once (accounts/backends.py,
# accounts/sessions.py; ADR 0019).
# The lockout backend first: it refuses a locked-out (address, username) before any password is checked.
AUTHENTICATION_BACKENDS = ["motcua.accounts.backends.LockoutBackend", "motcua.accounts.backends.Backend"]
SESSION_ENGINE = "motcua.accounts.sessions"

LOGIN_URL = "accounts:sign-in"
CSRF_FAILURE_VIEW = "motcua.core.views.csrf_failure"  # Vietnamese, in the site's page

# Our reverse proxies (CIDRs, comma-separated): X-Forwarded-For is believed only from these (core/clientip).
MOTCUA_TRUSTED_PROXIES = env_list("MOTCUA_TRUSTED_PROXIES", "")
try:
    from motcua.core.clientip import parse_networks

    parse_networks(MOTCUA_TRUSTED_PROXIES)
except ValueError as exc:
    raise ImproperlyConfigured(f"MOTCUA_TRUSTED_PROXIES: {exc}") from exc

# Sign-in lockout (django-axes, ADR 0044): after MOTCUA_SIGN_IN_FAILURE_LIMIT wrong passwords for one
# username from one address, that pair is refused for MOTCUA_SIGN_IN_COOLOFF_MINUTES. Keyed by the pair,
# so a shared NAT (a commune office, a mobile carrier) does not lock out everyone behind it, and an
# attacker cannot lock an officer out from elsewhere. Every attempt is logged (axes' access logs).
AXES_FAILURE_LIMIT = int(os.environ.get("MOTCUA_SIGN_IN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("MOTCUA_SIGN_IN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["ip_address", "username"]]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_CLIENT_IP_CALLABLE = "motcua.core.clientip.client_ip"
AXES_LOCKOUT_CALLABLE = "motcua.core.lockout.response"
AXES_VERBOSE = False

# Two-factor sign-in for officers (TOTP, django-otp): required for the roles below before any officer
# page opens (superusers too); others may enrol. Comma-separated role codes (org.roles); empty: none.
# Under DEBUG (`make run`, whose demo accounts share a published password) the default is none, so the
# demo signs in without a phone; set it to try the enrolment there.
MOTCUA_OTP_REQUIRED_ROLES = env_list("MOTCUA_OTP_REQUIRED_ROLES", "" if DEBUG else "supervisor,system_admin")
OTP_TOTP_ISSUER = os.environ.get("MOTCUA_OTP_ISSUER", "Một cửa")

# Sessions end after MOTCUA_SESSION_HOURS (default a working day) and when the browser closes.
SESSION_COOKIE_AGE = int(float(os.environ.get("MOTCUA_SESSION_HOURS", "9")) * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = env_bool("MOTCUA_SESSION_EXPIRE_AT_BROWSER_CLOSE", True)

# Citizen sign-in through OpenID Connect (VNeID). Either the discovery URL or the endpoints one by one;
# with DEBUG on and none of these set, the local provider (`motcua oidc-provider`) is used.
# See docs/decisions/0013-citizen-sign-in-oidc.md.
OIDC_RP_CLIENT_ID = os.environ.get("OIDC_RP_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("OIDC_RP_CLIENT_SECRET", "")
OIDC_RP_SCOPES = os.environ.get("OIDC_RP_SCOPES", "openid profile phone email")
OIDC_OP_DISCOVERY_URL = os.environ.get("OIDC_OP_DISCOVERY_URL", "")
OIDC_OP_ISSUER = os.environ.get("OIDC_OP_ISSUER", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("OIDC_OP_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("OIDC_OP_TOKEN_ENDPOINT", "")
OIDC_OP_USERINFO_ENDPOINT = os.environ.get("OIDC_OP_USERINFO_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("OIDC_OP_JWKS_ENDPOINT", "")
OIDC_OP_END_SESSION_ENDPOINT = os.environ.get("OIDC_OP_END_SESSION_ENDPOINT", "")
OIDC_CLAIM_PERSONAL_ID = os.environ.get("OIDC_CLAIM_PERSONAL_ID", "personal_id")
OIDC_TIMEOUT = float(os.environ.get("OIDC_TIMEOUT", "5"))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": int(os.environ.get("MOTCUA_PASSWORD_MIN_LENGTH", "12"))},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = MOTCUA_HOME / "static"
MEDIA_URL = "media/"
MEDIA_ROOT = MOTCUA_HOME / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Uploaded files: local disk under MEDIA_ROOT, or S3-compatible object storage with MOTCUA_STORAGE=s3
# (pip install "motcua[s3]"; bucket and endpoint below, credentials from AWS_ACCESS_KEY_ID /
# AWS_SECRET_ACCESS_KEY or the instance role). See docs/decisions/0008-documents-and-forms.md.
MOTCUA_STORAGE = os.environ.get("MOTCUA_STORAGE", "local")
if MOTCUA_STORAGE == "s3":
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ.get("AWS_STORAGE_BUCKET_NAME", ""),
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "location": os.environ.get("AWS_LOCATION", ""),
            "default_acl": None,
            "file_overwrite": False,
            "querystring_auth": True,
            "object_parameters": {"ServerSideEncryption": "AES256"}
            if env_bool("AWS_S3_SERVER_SIDE_ENCRYPTION", True)
            else {},
        },
    }
elif MOTCUA_STORAGE != "local":
    raise ImproperlyConfigured("MOTCUA_STORAGE must be 'local' or 's3'.")
# Postal operator (motcua/postal/conf.py, operator/contract.md).
MOTCUA_POSTAL_OPERATOR = os.environ.get("MOTCUA_POSTAL_OPERATOR", "simulator")
MOTCUA_POSTAL_OPERATOR_URL = os.environ.get("MOTCUA_POSTAL_OPERATOR_URL", "")
MOTCUA_POSTAL_OPERATOR_TOKEN = os.environ.get("MOTCUA_POSTAL_OPERATOR_TOKEN", "")
MOTCUA_POSTAL_CALLBACK_SECRET = os.environ.get("MOTCUA_POSTAL_CALLBACK_SECRET", "")
MOTCUA_DOCUMENT_MAX_BYTES = int(os.environ.get("MOTCUA_DOCUMENT_MAX_BYTES", 20 * 1024 * 1024))

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "motcua.core.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "motcua.core.api.exception_handler",
    "DEFAULT_PARSER_CLASSES": [  # DRF's three, the JSON one refusing too-deep nesting with a 400
        "motcua.core.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    # DRF's two defaults, the session one handing over the user; both refuse an officer whose role needs
    # the second factor without it (a session not verified, any Basic request: ADR 0051).
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "motcua.accounts.authentication.SessionAuthentication",
        "motcua.accounts.authentication.BasicAuthentication",
    ],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "motcua API",
    "DESCRIPTION": "API của hệ thống thông tin một cửa — Trung tâm Phục vụ hành chính công.",
    "VERSION": "0.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Request bodies as their own components ("…Request"): a required text may not be blank there, which a
    # shared component cannot say (ADR 0052).
    "COMPONENT_SPLIT_REQUEST": True,
    # Swagger UI and Redoc from the drf-spectacular-sidecar package, served with the static files: a
    # closed network cannot reach a CDN (ADR 0045).
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Errors as application/problem+json, 401/429 where Basic authentication is accepted (core/schema.py).
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "motcua.core.schema.problem_json",
        "motcua.core.schema.path_and_query_parameters",
        "motcua.core.schema.request_texts",
    ],
}

CELERY_TASK_ALWAYS_EAGER = not os.environ.get("CELERY_BROKER_URL", "")
# Without a broker, tasks run eagerly in-process; Celery still builds a producer for each call, so it gets
# the in-memory transport (with the host name kombu wants) rather than an empty URL, for which kombu
# warned "No hostname was supplied" and fell back to amqp://localhost, a broker nobody runs.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "") or "memory://localhost/"
if CELERY_BROKER_URL.startswith("filesystem:"):
    # The embedded broker of `make run` (ADR 0034): kombu's filesystem transport, messages as files in
    # MOTCUA_HOME/broker. Nothing to install; one machine only. Production uses RabbitMQ or Redis.
    _broker = MOTCUA_HOME / "broker"
    for _folder in ("queue", "processed"):
        (_broker / _folder).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker / "queue"),
        "data_folder_out": str(_broker / "queue"),
        "processed_folder": str(_broker / "processed"),
        "store_processed": False,
    }
CELERY_TIMEZONE = TIME_ZONE
# One broker can serve several installations (or test runs): each names its own queue.
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("MOTCUA_CELERY_QUEUE", "motcua")
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True  # a worker killed mid-task leaves the message to be redelivered
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Periodic work for `celery beat` (every job is also safe to run by hand, and to miss once):
CELERY_BEAT_SCHEDULE = {
    # unused queue numbers expire (call-next also checks)
    "queueing-expire": {"task": "queueing.expire", "schedule": 300.0},
    # the outbox sweep: events whose after-commit kick was lost (a crash, a broker hiccup)
    "dossiers-publish-outbox": {"task": "dossiers.publish_outbox", "schedule": 30.0},
    # payments whose return and webhook never came; abandoned ones expire
    "payments-reconcile": {"task": "payments.reconcile", "schedule": 300.0},
    # national portal: push what is due (also kicked after each capture), pull, daily reconciliation
    "nationalportal-sync": {"task": "nationalportal.sync", "schedule": 60.0},
    "nationalportal-pull": {"task": "nationalportal.pull", "schedule": 300.0},
    "nationalportal-reconcile": {
        "task": "nationalportal.reconcile",
        "schedule": crontab(hour=1, minute=30),  # yesterday's counts, once the day is closed
    },
    # files a killed process wrote without committing their row (older than the grace period; ADR 0054)
    "documents-sweep": {"task": "documents.sweep", "schedule": 3600.0},
    # delivered outbox events older than MOTCUA_OUTBOX_RETENTION_DAYS, pruned in batches (ADR 0031)
    "outbox-prune": {"task": "dossiers.prune_outbox", "schedule": 3600.0},
    # broker ("cò hồ sơ") scan of the last 30 days, every night after the centers close (ADR 0046)
    "integrity-scan": {"task": "integrity.scan", "schedule": crontab(hour=21, minute=30)},
    # last week's Decision 766 ranking, Monday 01:00 local time (motcua.index, ADR 0039)
    "index-weekly-snapshot": {
        "task": "index.weekly_snapshot",
        "schedule": crontab(minute=0, hour=1, day_of_week=1),
    },
}

# The write kernel (core/kernel.py, ADR 0030): the one outbox of every app, and how long a delivered
# event is kept.
MOTCUA_OUTBOX_MODEL = "dossiers.OutboxMessage"
MOTCUA_OUTBOX_RETENTION_DAYS = int(os.environ.get("MOTCUA_OUTBOX_RETENTION_DAYS", "90"))
MOTCUA_OUTBOX_PRUNE_BATCH = 5000

# Personal data (ADR 0053, docs/privacy.md). Reads of full ID numbers and stored documents are logged in
# this table (empty: not logged, only for a benchmark's baseline); a person is keyed there by an HMAC of
# the ID number with MOTCUA_PRIVACY_KEY (default: SECRET_KEY; set it apart so that rotating the secret
# key does not orphan the log).
MOTCUA_READ_LOG_MODEL = "privacy.PersonalDataRead"
MOTCUA_PRIVACY_KEY = os.environ.get("MOTCUA_PRIVACY_KEY", "")
# The people's data of a dossier that ended (returned, withdrawn, stopped...) more than this many days
# ago is pseudonymised; default 10 years, the shortest retention of an administrative-procedure dossier
# in the archives' lists we read (an operator shortens or lengthens it per the province's list).
MOTCUA_PERSONAL_DATA_RETENTION_DAYS = int(os.environ.get("MOTCUA_PERSONAL_DATA_RETENTION_DAYS", "3653"))
MOTCUA_PSEUDONYMISE_BATCH = 500

# The National Public Service Portal (motcua.nationalportal, docs/nationalportal.md). Empty URL: events
# are captured and wait; nothing is sent.
MOTCUA_PORTAL_URL = os.environ.get("MOTCUA_PORTAL_URL", "")
MOTCUA_PORTAL_TOKEN = os.environ.get("MOTCUA_PORTAL_TOKEN", "")
MOTCUA_PORTAL_PROVINCE = os.environ.get("MOTCUA_PORTAL_PROVINCE", "")  # pull: e.g. H26's unit code "01"
MOTCUA_PORTAL_MAX_TRIES = int(os.environ.get("MOTCUA_PORTAL_MAX_TRIES", "8"))
MOTCUA_PORTAL_BACKOFF_BASE = float(os.environ.get("MOTCUA_PORTAL_BACKOFF_BASE", "2"))
MOTCUA_PORTAL_BACKOFF_CAP = float(os.environ.get("MOTCUA_PORTAL_BACKOFF_CAP", "300"))
MOTCUA_PORTAL_PROBE_CAP = float(
    os.environ.get("MOTCUA_PORTAL_PROBE_CAP", "30")
)  # portal down: probe this often
# More periodic work (notifications and webhooks, ADR 0036–0037):
CELERY_BEAT_SCHEDULE |= {
    # Messages and webhooks whose backoff has passed are sent again (docs/notifications.md).
    "notifications-sweep": {"task": "notifications.sweep", "schedule": 60.0},
    "webhooks-sweep": {"task": "webhooks.sweep", "schedule": 60.0},
    # Events whose hand-over to the planning task was lost are planned again (idempotent).
    "notifications-catch-up": {"task": "notifications.catch_up", "schedule": 900.0},
    "webhooks-catch-up": {"task": "webhooks.catch_up", "schedule": 900.0},
    # people's data of dossiers ended before MOTCUA_PERSONAL_DATA_RETENTION_DAYS, pseudonymised (ADR 0053)
    "privacy-pseudonymise": {"task": "privacy.pseudonymise", "schedule": crontab(hour=2, minute=15)},
}

# Notifications to citizens (docs/notifications.md, ADR 0036). E-mail through Django's SMTP backend;
# SMS and Zalo OA through a provider each (empty: the channel is off). The local simulator of both:
# python -m motcua.notifications.simulator --port 8004 --log var/messages.jsonl
# In development without an SMTP server (DEBUG, no EMAIL_HOST) the messages are files in $MOTCUA_HOME/mail.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.filebased.EmailBackend"
    if DEBUG and not os.environ.get("EMAIL_HOST")
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_FILE_PATH = MOTCUA_HOME / "mail"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Trung tâm Phục vụ hành chính công <motcua@localhost>"
)
MOTCUA_PUBLIC_URL = os.environ.get("MOTCUA_PUBLIC_URL", "http://127.0.0.1:8000")
MOTCUA_NOTIFY_EMAIL = env_bool("MOTCUA_NOTIFY_EMAIL", True)
MOTCUA_NOTIFY_DEFAULT_CHANNELS = env_list("MOTCUA_NOTIFY_DEFAULT_CHANNELS", "email,sms")
MOTCUA_NOTIFY_MAX_ATTEMPTS = int(os.environ.get("MOTCUA_NOTIFY_MAX_ATTEMPTS", "5"))
MOTCUA_SMS_PROVIDER = os.environ.get("MOTCUA_SMS_PROVIDER", "")  # "sms_http"
MOTCUA_SMS_URL = os.environ.get("MOTCUA_SMS_URL", "")
MOTCUA_SMS_TOKEN = os.environ.get("MOTCUA_SMS_TOKEN", "")
MOTCUA_SMS_BRANDNAME = os.environ.get("MOTCUA_SMS_BRANDNAME", "MOTCUA")
MOTCUA_ZALO_PROVIDER = os.environ.get("MOTCUA_ZALO_PROVIDER", "")  # "zalo_oa"
MOTCUA_ZALO_URL = os.environ.get("MOTCUA_ZALO_URL", "https://business.openapi.zalo.me")
MOTCUA_ZALO_ACCESS_TOKEN = os.environ.get("MOTCUA_ZALO_ACCESS_TOKEN", "")
MOTCUA_ZALO_TEMPLATE_ID = os.environ.get("MOTCUA_ZALO_TEMPLATE_ID", "")
# Outgoing webhooks (subscriptions in the admin; ADR 0037).
MOTCUA_WEBHOOK_MAX_ATTEMPTS = int(os.environ.get("MOTCUA_WEBHOOK_MAX_ATTEMPTS", "8"))
MOTCUA_WEBHOOK_TIMEOUT = float(os.environ.get("MOTCUA_WEBHOOK_TIMEOUT", "5"))
# Prometheus metrics at /metrics (django-prometheus); a bearer token guards it when set.
MOTCUA_METRICS_TOKEN = os.environ.get("MOTCUA_METRICS_TOKEN", "")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Personal ID and phone numbers are masked in every record (motcua.core.masking).
    "filters": {"mask_personal_data": {"()": "motcua.core.masking.MaskPersonalData"}},
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
            "json_ensure_ascii": False,
        }
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["mask_personal_data"],
            # MOTCUA_LOG_FORMAT=json: one JSON object a line, for a log collector (Loki, ELK).
            **({"formatter": "json"} if os.environ.get("MOTCUA_LOG_FORMAT", "") == "json" else {}),
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # axes logs every sign-in at INFO ("Cleaned up 0 expired attempts"); its database logs are the audit.
    "loggers": {"django.db.backends": {"level": "WARNING"}, "axes": {"level": "WARNING"}},
}

if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
