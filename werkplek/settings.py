"""Werkplek settings. Everything that differs between machines comes from the environment."""

import os
import sys
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
APP_DIR = Path(__file__).resolve().parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.getenv(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_secret(name: str, default: str = "") -> str:
    """Read NAME, or the file named by NAME_FILE (Docker/Kubernetes secrets)."""
    path = os.getenv(f"{name}_FILE")
    if path:
        return Path(path).read_text().strip()
    return os.getenv(name, default)


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.getenv(name, default).split(",") if item.strip()]


TESTING = "pytest" in sys.modules
DEBUG = env_bool("DEBUG", default=False)

# Commands that only read or write source files (migrations, catalogues) sign nothing and may
# run without a secret, so a developer's `manage.py makemigrations` works without DEBUG=1.
SOURCE_COMMANDS = {"makemigrations", "makemessages", "compilemessages", "showmigrations"}
RUNNING_SOURCE_COMMAND = len(sys.argv) > 1 and sys.argv[1] in SOURCE_COMMANDS

SECRET_KEY = env_secret("SECRET_KEY")
if not SECRET_KEY:
    if not (DEBUG or TESTING or RUNNING_SOURCE_COMMAND):
        raise ImproperlyConfigured("Set SECRET_KEY (or SECRET_KEY_FILE) when DEBUG is off.")
    SECRET_KEY = "django-insecure-development-key-only-for-debug-and-tests"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if (DEBUG or TESTING) else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "werkplek.core",  # first, so its templates (sign-in, password reset) win over the admin's
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_tasks_db",
    "ninja",  # serves the API documentation's swagger-ui from our static files, not a CDN
    "werkplek.accounts",
    "werkplek.sectorpacks",
    "werkplek.candidates",
    "werkplek.trajectories",
    "werkplek.checklists",
    "werkplek.demo",
    "werkplek.notifications",
    "werkplek.api",
    "werkplek.imports",
    "werkplek.exports",
    "werkplek.competences",
    "werkplek.plans",
    "werkplek.logbook",
    "werkplek.attendance",
    "werkplek.followup",
    "werkplek.intake",
    "werkplek.credentials",
    "werkplek.documents",
    "werkplek.evaluations",
    "werkplek.printing",
    "werkplek.portal",
    "werkplek.benchmark",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "werkplek.audit",  # after the apps it audits: its history tables point at their models
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "werkplek.core.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "werkplek.core.middleware.UrlLengthMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "werkplek.accounts.two_factor.TwoFactorMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "werkplek.core.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "werkplek.api.middleware.ApiErrorShapeMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a lock-out into the "too many attempts" page
]

ROOT_URLCONF = "werkplek.urls"
WSGI_APPLICATION = "werkplek.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "werkplek.core.context_processors.navigation",
                "werkplek.notifications.context_processors.inbox",
            ],
            "builtins": ["werkplek.core.templatetags.werkplek"],
        },
    }
]

# --- Database: SQLite in ./data by default, PostgreSQL through DATABASE_URL -------------------
DATA_DIR = Path(os.getenv("DATA_DIR", BASE_DIR / "data"))
DATABASE_URL = os.getenv("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'werkplek.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_health_checks=True)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A fresh clone has no data/ yet: SQLite creates the file but not its directory, so any
    # manage.py command would fail with "unable to open database file".
    if DATABASES["default"]["NAME"] not in {"", ":memory:"}:
        Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
        ),
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
else:
    DATABASES["default"]["CONN_MAX_AGE"] = int(os.getenv("CONN_MAX_AGE", "60"))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts ------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
SESSION_COOKIE_AGE = int(os.getenv("SESSION_COOKIE_AGE", str(60 * 60 * 10)))  # a working day
SESSION_COOKIE_HTTPONLY = True

# --- Languages and time --------------------------------------------------------------------
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("fr", _("French")), ("en", _("English"))]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["werkplek.formats"]
# Each app keeps its own catalogue, so makemessages writes an app's strings next to its code.
# Strings outside any app (settings) go to core, the first one.
LOCALE_PATHS = sorted(
    (path for path in APP_DIR.glob("*/locale") if path.is_dir()),
    key=lambda path: (path.parent.name != "core", path.parent.name),
)

# --- Static and uploaded files -------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.getenv("STATIC_ROOT", BASE_DIR / "staticfiles"))
MEDIA_ROOT = Path(os.getenv("MEDIA_ROOT", DATA_DIR / "media"))
# Uploaded files on the local disk by default; on S3-compatible object storage (AWS S3,
# Scaleway, OVH, MinIO, …) when S3_BUCKET is set, so that every app server sees the same files.
# Static files are always served by whitenoise from STATIC_ROOT (collectstatic at deploy).
S3_BUCKET = os.getenv("S3_BUCKET", "")
if S3_BUCKET:
    DEFAULT_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "location": os.getenv("S3_PREFIX", ""),
            # Documents are personal data: private objects, reached through short-lived
            # signed links that only our permission-checked views hand out.
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": int(os.getenv("S3_LINK_SECONDS", "300")),
            "file_overwrite": False,
        },
    }
    # Unset: boto3 finds credentials itself (instance role, ~/.aws, AWS_* variables).
    for option, value in {
        "endpoint_url": os.getenv("S3_ENDPOINT_URL"),
        "region_name": os.getenv("S3_REGION"),
        "access_key": os.getenv("S3_ACCESS_KEY_ID"),
        "secret_key": env_secret("S3_SECRET_ACCESS_KEY"),
    }.items():
        if value:
            DEFAULT_STORAGE["OPTIONS"][option] = value
else:
    DEFAULT_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": DEFAULT_STORAGE,
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if (DEBUG or TESTING)
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# --- Sessions and cache: nothing in one server's memory ---------------------------------------
# Sessions live in the database (shared by every app server). With REDIS_URL the cache is
# Redis and sessions are read through it (cached_db: still written to the database, so a
# Redis restart signs nobody out). Without it the cache is per process, which is only
# correct for one server: nothing in Werkplek relies on the cache for correctness.
REDIS_URL = os.getenv("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "werkplek",
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    SESSION_ENGINE = "django.contrib.sessions.backends.db"

# --- E-mail: console unless an SMTP host is configured (Django 6.1 MAILERS) ------------------
if os.getenv("EMAIL_HOST"):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": os.getenv("EMAIL_HOST"),
                "port": int(os.getenv("EMAIL_PORT", "587")),
                "username": os.getenv("EMAIL_HOST_USER", ""),
                "password": env_secret("EMAIL_HOST_PASSWORD"),
                "use_tls": env_bool("EMAIL_USE_TLS", default=True),
                "timeout": 20,
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
DEFAULT_FROM_EMAIL = os.getenv("DEFAULT_FROM_EMAIL", "Werkplek <werkplek@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# E-mails and calendar feeds are made outside a request: they need the site's own address.
SITE_URL = os.getenv("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# --- Background tasks: django.tasks with a database queue (django-tasks-db) ------------------
# A worker (`manage.py db_worker`) runs them; `make run` starts one beside the web server.
# Tests (and TASKS_IMMEDIATE=1) run every task at once, inside the caller.
if env_bool("TASKS_IMMEDIATE", default=TESTING):
    TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# --- Security ------------------------------------------------------------------------------
PRODUCTION = not (DEBUG or TESTING)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=PRODUCTION)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", default=PRODUCTION)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", default=PRODUCTION)
SECURE_HSTS_SECONDS = int(os.getenv("SECURE_HSTS_SECONDS", "31536000" if PRODUCTION else "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = PRODUCTION
SECURE_HSTS_PRELOAD = PRODUCTION
if env_bool("BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.getenv("LOG_LEVEL", "INFO")},
    # Libraries that narrate every step at INFO (WeasyPrint's progress, fontTools' subsetting,
    # a few hundred lines per PDF): only their warnings and errors reach the console.
    "loggers": {name: {"level": "WARNING"} for name in ("weasyprint", "fontTools")},
}

# --- Werkplek ------------------------------------------------------------------------------
PAGE_SIZE = 25
DEMO_PASSWORD = "werkplek-demo"
FORM_RENDERER = "werkplek.core.forms.FormRenderer"
# Reminders: the e-mail digest goes out after this hour (Europe/Brussels), weekly on Mondays.
DIGEST_HOUR = int(os.getenv("DIGEST_HOUR", "7"))
# Uploaded documents (contracts, werkpostfiches, proof of credentials): at most this many bytes.
# Calls per user to the JSON API, e.g. "600/m" or "20000/d"; empty switches the limit off.
API_RATE_LIMIT = os.getenv("API_RATE_LIMIT", "600/m")
# The longest address (path and query string) answered; a longer one is a 414 (core.middleware).
MAX_URL_LENGTH = int(os.getenv("MAX_URL_LENGTH", "4096"))

DOCUMENT_MAX_UPLOAD_BYTES = int(os.getenv("DOCUMENT_MAX_UPLOAD_BYTES", str(10 * 1024 * 1024)))

# --- Login hardening -----------------------------------------------------------------------
# django-axes counts failed sign-ins per e-mail address and IP; after AXES_FAILURE_LIMIT the
# pair is locked for AXES_COOLOFF_HOURS and the sign-in page says so (docs/decisions/security.md).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.getenv("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.getenv("AXES_COOLOFF_HOURS", "1"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# ...and per address across e-mails (werkplek.accounts.throttle), read through trusted proxies.
AXES_HANDLER = "werkplek.accounts.throttle.ThrottleHandler"
AXES_IP_FAILURE_LIMIT = int(os.getenv("AXES_IP_FAILURE_LIMIT", "30"))
AXES_CLIENT_IP_CALLABLE = "werkplek.accounts.throttle.client_ip"
# The reverse proxies whose X-Forwarded-For is believed (e.g. "127.0.0.1" for a local nginx).
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", "")
AXES_RESET_ON_SUCCESS = True
# The lock-out is the styled 429 page in the reader's language, with Retry-After.
AXES_LOCKOUT_CALLABLE = "werkplek.accounts.throttle.locked_out"
AXES_VERBOSE = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = env_bool("SESSION_EXPIRE_AT_BROWSER_CLOSE", default=True)
SESSION_SAVE_EVERY_REQUEST = False
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
AXES_USERNAME_CALLABLE = "werkplek.accounts.two_factor.axes_username"
AXES_DISABLE_ACCESS_LOG = True  # failed attempts are what counts; no log of every sign-in
# A guest (school, VDAB) reads a trajectory they follow while it is open and this many days
# after it closed or stopped, then nowhere (docs/decisions/guest-access.md).
GUEST_READ_DAYS_AFTER_END = int(os.getenv("GUEST_READ_DAYS_AFTER_END", "90"))
# GDPR: people are anonymised this many years after their last trajectory ended, unless the
# organisation sets its own period on its privacy page (docs/decisions/audit-gdpr.md).
RETENTION_YEARS_DEFAULT = int(os.getenv("RETENTION_YEARS_DEFAULT", "5"))
