"""Django settings. Every value a deployment may change comes from the environment through
``forcereview.conf`` and is documented in ``docs/settings.md``."""

from __future__ import annotations

from pathlib import Path

import dj_database_url

from forcereview.conf import envbool, envint, envstr

PACKAGE_DIR = Path(__file__).resolve().parent

DATA_DIR = Path(
    envstr(
        "FORCEREVIEW_DATA_DIR",
        str(Path.cwd() / "var"),
        "Folder for the SQLite database, stored evidence and other local state.",
    )
)

SECRET_KEY = envstr(
    "SECRET_KEY",
    "insecure-development-key-change-me",
    "Django secret key. Must be set to a long random value in production.",
)
DEBUG = envbool("DEBUG", False, "Show Django debug pages. Never in production.")
ALLOWED_HOSTS = [
    h.strip()
    for h in envstr(
        "ALLOWED_HOSTS", "127.0.0.1,localhost,testserver", "Comma-separated host names served."
    ).split(",")
    if h.strip()
]
CSRF_TRUSTED_ORIGINS = [
    o.strip()
    for o in envstr(
        "CSRF_TRUSTED_ORIGINS", "", "Comma-separated origins trusted for CSRF (https://example.org)."
    ).split(",")
    if o.strip()
]

DATABASE_URL = envstr(
    "DATABASE_URL",
    "",
    "Database URL, for example postgres://user@host:5432/forcereview. Empty: SQLite in FORCEREVIEW_DATA_DIR.",
)
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(DATA_DIR / "forcereview.sqlite3"),
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    }

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "ninja",  # serves the API docs page's scripts locally instead of from a CDN
    "forcereview.accounts",
    "forcereview.audit",
    "forcereview.records",
    "forcereview.evidence",
    "forcereview.reviews",
    "forcereview.cases",
    "forcereview.deadlines",
    "forcereview.administration",
    "forcereview.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files straight from the app server, with DEBUG off too (no separate web server needed).
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "forcereview.web.middleware.AgencyTimezoneMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "forcereview.urls"
CSRF_FAILURE_VIEW = "forcereview.web.views.csrf_failure"
# Form fields render with their label, hint and errors tied to the input (aria-describedby).
FORM_RENDERER = "forcereview.web.forms.FormRenderer"
WSGI_APPLICATION = "forcereview.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "forcereview.web.context.navigation",
            ],
        },
    }
]

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = envstr("TIME_ZONE", "America/Denver", "The agency's local time zone (IANA name).")
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
# `forcereview serve` collects static files into STATIC_ROOT; the finders cover a server started
# without that step (for example under another WSGI server), so static files never go missing.
WHITENOISE_USE_FINDERS = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Uploads: large files stream to disk, never into memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
IMPORT_MAX_BYTES = envint(
    "FORCEREVIEW_IMPORT_MAX_BYTES", 512 * 1024 * 1024, "Largest incident import file accepted, in bytes."
)

# Internal-affairs cases (see docs/cases.md).
CASE_RULES = envstr(
    "FORCEREVIEW_CASE_RULES", "",
    "YAML file with the case timeline, discipline matrix, standards-board rule and claim periods. Empty: the shipped rules.",
)
JURISDICTION = envstr(
    "FORCEREVIEW_JURISDICTION", "NM", "State whose claim periods apply when an agency has no state recorded.")
COMPLAINT_HOLD_AFTER = envint(
    "FORCEREVIEW_COMPLAINT_HOLD_AFTER", 3,
    "Public complaints from one address within an hour after which more are stored but held for a person to check.",
)
COMPLAINT_REFUSE_AFTER = envint(
    "FORCEREVIEW_COMPLAINT_REFUSE_AFTER", 500,
    "Stored public complaints from one address within an hour after which more are refused unsaved "
    "(a script, not a person); the refusals are counted in the audit log.",
)
COMPLAINT_OTHER_WAYS = envstr(
    "FORCEREVIEW_COMPLAINT_OTHER_WAYS", "",
    "How else the public can file a complaint (telephone, address, opening hours), shown when a "
    "complaint cannot be taken online. Empty: a general sentence naming the agency.",
)
COMPLAINT_MIN_SECONDS = envint(
    "FORCEREVIEW_COMPLAINT_MIN_SECONDS", 5,
    "A complaint form filled in faster than this many seconds is held for a person to check.",
)

# -- evidence: storage, limits, retention -------------------------------------------------------
EVIDENCE_DIR = envstr(
    "FORCEREVIEW_EVIDENCE_DIR", "",
    "Folder of stored evidence files. Empty: the evidence folder inside FORCEREVIEW_DATA_DIR.",
)
EVIDENCE_MAX_BYTES = envint(
    "FORCEREVIEW_EVIDENCE_MAX_BYTES", 20 * 1024**3, "Largest audio or video file accepted as evidence, in bytes."
)
TRANSCRIPT_MAX_BYTES = envint(
    "FORCEREVIEW_TRANSCRIPT_MAX_BYTES", 20 * 1024**2, "Largest transcript file accepted as evidence, in bytes."
)
EVIDENCE_S3_BUCKET = envstr(
    "FORCEREVIEW_EVIDENCE_S3_BUCKET", "",
    "Store evidence in this S3-compatible bucket instead of a local folder (needs the s3 extra).",
)
EVIDENCE_S3_PREFIX = envstr("FORCEREVIEW_EVIDENCE_S3_PREFIX", "evidence", "Key prefix of evidence objects in the bucket.")
EVIDENCE_S3_ENDPOINT_URL = envstr(
    "FORCEREVIEW_EVIDENCE_S3_ENDPOINT_URL", "",
    "Endpoint of an S3-compatible service (MinIO, Ceph); empty for AWS.",
)
EVIDENCE_S3_REGION = envstr("FORCEREVIEW_EVIDENCE_S3_REGION", "", "Region of the evidence bucket.")
EVIDENCE_S3_ACCESS_KEY_ID = envstr(
    "FORCEREVIEW_EVIDENCE_S3_ACCESS_KEY_ID", "", "Access key for the bucket; empty: the usual AWS credential chain."
)
EVIDENCE_S3_SECRET_ACCESS_KEY = envstr(
    "FORCEREVIEW_EVIDENCE_S3_SECRET_ACCESS_KEY", "", "Secret key for the bucket."
)
RETENTION_NON_EVIDENTIARY_DAYS = envint(
    "FORCEREVIEW_RETENTION_NON_EVIDENTIARY_DAYS", 120,
    "Days a non-evidentiary recording is kept after it was recorded (New Mexico's minimum is 120).",
)
RETENTION_EVIDENTIARY_DAYS_AFTER_CLOSE = envint(
    "FORCEREVIEW_RETENTION_EVIDENTIARY_DAYS_AFTER_CLOSE", 0,
    "Days evidentiary recordings are kept after their incident is closed.",
)
# -- background work -------------------------------------------------------------------------------
CELERY_BROKER_URL = envstr(
    "CELERY_BROKER_URL", "",
    "Redis URL of the Celery broker (redis://127.0.0.1:6379/0). Empty: background work runs inline.",
)
TASK_QUEUE = envstr("FORCEREVIEW_TASK_QUEUE", "forcereview", "Name of the Celery queue workers listen on.")
FILE_UPLOAD_HANDLERS = [
    "forcereview.evidence.uploads.RefuseOversizedUploads",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

EMAIL_BACKEND = envstr(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend",
    "Django email backend used for notifications.",
)
DEFAULT_FROM_EMAIL = envstr(
    "DEFAULT_FROM_EMAIL", "forcereview@localhost", "Sender address of notification email."
)

# Sign-in throttling (see accounts/throttle.py).
SIGNIN_MAX_FAILURES = envint(
    "FORCEREVIEW_SIGNIN_MAX_FAILURES", 5,
    "Failed sign-ins for one user name after which it is locked for FORCEREVIEW_SIGNIN_LOCK_MINUTES.",
)
SIGNIN_MAX_FAILURES_PER_ADDRESS = envint(
    "FORCEREVIEW_SIGNIN_MAX_FAILURES_PER_ADDRESS", 20,
    "Failed sign-ins from one address after which it is locked for FORCEREVIEW_SIGNIN_LOCK_MINUTES.",
)
SIGNIN_LOCK_MINUTES = envint(
    "FORCEREVIEW_SIGNIN_LOCK_MINUTES", 15,
    "Minutes a user name or address stays locked after too many failed sign-ins; failures further apart are not counted together.",
)
PASSWORD_RESET_TIMEOUT = envint(
    "FORCEREVIEW_PASSWORD_LINK_HOURS", 72,
    "Hours a one-time set-password link given by an administrator stays valid.",
) * 3600

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = envbool("SESSION_COOKIE_SECURE", False, "Send the session cookie over HTTPS only.")
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"client_errors_in_one_line": {"()": "forcereview.web.logs.ClientErrorsInOneLine"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"django.request": {"filters": ["client_errors_in_one_line"]}},
    "root": {"handlers": ["console"], "level": envstr("LOG_LEVEL", "WARNING", "Root log level.")},
}
