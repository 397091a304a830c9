"""Settings for Sahabat UMKM, driven by environment variables (see .env.example and README)."""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from sahabat.secrets import new_fernet_key, new_secret_key, read_or_create

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
if (BASE_DIR / ".env").exists():
    env.read_env(BASE_DIR / ".env")

VAR_DIR = Path(env.str("VAR_DIR", default=str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env.bool("DEBUG", default=False)
# Behind TLS (a real deployment) secrets come from the environment only: keys generated into var/ would
# differ between hosts and be lost with the host (docs/security.md).
REQUIRE_ENV_SECRETS = env.bool("REQUIRE_ENV_SECRETS", default=env.bool("HTTPS", default=False))


def _secret(name: str, generate) -> str:
    value = env.str(name, default="")
    if value:
        return value
    if REQUIRE_ENV_SECRETS:
        raise ImproperlyConfigured(f"{name} must be set in the environment (REQUIRE_ENV_SECRETS is on).")
    return read_or_create(VAR_DIR / name.lower(), generate)


SECRET_KEY = _secret("SECRET_KEY", new_secret_key)
FIELD_ENCRYPTION_KEY = _secret("FIELD_ENCRYPTION_KEY", new_fernet_key)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# The project's apps come first: their translations and templates win over Django's own.
INSTALLED_APPS = [
    "sahabat.core",
    "sahabat.regions",
    "sahabat.accounts",
    "sahabat.registry",
    "sahabat.events",
    "sahabat.purchasing",
    "sahabat.cooperation",
    "sahabat.coaching",
    "sahabat.investment",
    "sahabat.indicators",
    "sahabat.dedupe",
    "sahabat.reports",
    "sahabat.portal",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django_htmx",
    # Serves Swagger UI for /api/docs from its own static files instead of a CDN.
    "ninja",
    "huey.contrib.djhuey",
    "axes",
    "auditlog",
    "django_scopes",
]

MIDDLEWARE = [
    "sahabat.core.middleware.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "sahabat.core.security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "sahabat.core.middleware.InterfaceLanguageMiddleware",
    "sahabat.core.security.RequestGuardMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "sahabat.accounts.middleware.ActorMiddleware",
    "sahabat.accounts.middleware.AdminScopeMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    # Last, as django-axes asks: it turns a lock-out into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "sahabat.urls"
WSGI_APPLICATION = "sahabat.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "sahabat.core.context_processors.navigation",
                "sahabat.core.security.csp_nonce",
                "sahabat.accounts.context_processors.region_context",
                "sahabat.cooperation.context_processors.notifications",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'sahabat.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers (dashboards) run while a writer (sales ingestion) holds the lock; IMMEDIATE
    # takes the write lock at BEGIN so concurrent writers queue on the busy timeout instead of
    # failing with "database is locked" halfway through a transaction.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-64000;",
    }
    # A worker keeps its connection (and SQLite's page cache and prepared statements with it) between
    # requests instead of opening the file, reading the schema and warming a fresh cache each time.
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=600))
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
    HUEY = {"huey_class": "huey.RedisHuey", "name": "sahabat", "url": REDIS_URL, "immediate": False}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }
    HUEY = {
        "huey_class": "huey.SqliteHuey",
        "name": "sahabat",
        "filename": str(VAR_DIR / "huey.sqlite3"),
        "immediate": False,
    }

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "sahabat.accounts.backends.LoginAddressLimitBackend",
    "sahabat.accounts.backends.EmailOrUsernameBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:home"
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.int("AXES_COOLOFF_HOURS", default=1)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "sahabat.accounts.backends.client_ip"
# Failed logins one address may send in a window, whatever the usernames (0: no limit). Axes allows 5
# per account and address; a Dinas office behind one NAT address may hold dozens of staff, so this is
# ten times that (docs/security.md).
LOGIN_IP_FAILURE_LIMIT = env.int("LOGIN_IP_FAILURE_LIMIT", default=10 * AXES_FAILURE_LIMIT)
LOGIN_IP_WINDOW_MINUTES = env.int("LOGIN_IP_WINDOW_MINUTES", default=60)
AUDITLOG_INCLUDE_ALL_MODELS = False
# Scoped managers refuse unscoped reads; the audit trail must read the previous row regardless.
AUDITLOG_USE_BASE_MANAGER = True

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = env.str("LANGUAGE_CODE", default="id")
LANGUAGES = [("id", _("Indonesian")), ("en", _("English"))]
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Security (docs/security.md). The Content Security Policy and Permissions-Policy are sent by
# sahabat.core.security.SecurityHeadersMiddleware; the rest by Django's own middleware from these settings.
HTTPS = env.bool("HTTPS", default=False)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 12
SESSION_COOKIE_SECURE = HTTPS
# The cashier page reads the CSRF cookie from JavaScript (a page opened offline may hold an old token),
# so that cookie cannot be HttpOnly; it is SameSite and secure behind TLS.
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = HTTPS
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Proxies in front of gunicorn that append to X-Forwarded-For (nginx: one). The client address for the
# login limits is the entry the outermost one added; without a proxy, REMOTE_ADDR.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=1 if HTTPS else 0)
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False)
    # "__Host-": the browser only accepts it over TLS, for the whole host, never set by a subdomain.
    SESSION_COOKIE_NAME = "__Host-sessionid"
# Requests per minute one API token may send (0: no limit). A booth phone sends a batch (up to 1,000
# sales) every few seconds; the ingestion benchmark's clients send about 260 a minute each. Only a
# runaway or stolen token reaches the limit.
API_TOKEN_RATE_LIMIT = env.int("API_TOKEN_RATE_LIMIT", default=1800)

DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Sahabat UMKM <noreply@localhost>")
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "sahabat.core.logging.JsonFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.server": {"level": "WARNING"},
        "django.request": {"level": "ERROR"},
        "axes": {"level": "WARNING"},
    },
}
