"""Settings for the »Ärzte für Sachsen« portal, read from the environment.

Development (the default) runs on a SQLite file with a local-memory cache. Production is chosen
with ``DJANGO_ENV=production``: it refuses to start without ``SECRET_KEY`` and never runs with
``DEBUG`` on.
"""

import os
import tempfile
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    """Read a yes/no environment variable (1, true, yes, on count as yes)."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    """Read a comma-separated environment variable into a list without blanks."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


ENVIRONMENT = os.environ.get("DJANGO_ENV", "development").strip().lower()
PRODUCTION = ENVIRONMENT == "production"

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY muss in der Produktion gesetzt sein.")
    SECRET_KEY = "django-insecure-nur-fuer-die-entwicklung"  # noqa: S105 - development only

# DEBUG is off unless asked for, and can never be on in production.
DEBUG = env_bool("DEBUG") and not PRODUCTION

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "portal",
    "network",
    "funding",
    "coordinators",
    "contact",
    "events",
    "alerts",
    "pages",
    "partnerarea",
    "pages.apps.OfficeAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "axes",
    "simple_history",
    "import_export",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "portal.middleware.AllowedMethodsMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Public answers without secrets compressed; then ETag and 304 for every GET (feeds,
    # calendars and sitemaps are fetched again and again), also for cached pages.
    "portal.middleware.PublicGZipMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    # Before sessions and CSRF: a cached page for an anonymous visitor costs no database query.
    "portal.cache.PublicPageCacheMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # After LocaleMiddleware, so the 503 page speaks the visitor's language.
    "portal.middleware.DatabaseUnavailableMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # A 404 at an address whose slug changed becomes a permanent redirect to the new one.
    "portal.middleware.SlugRedirectMiddleware",
    # Records who made a change in the audit history (django-simple-history).
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: turns a locked-out login into its lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "django.template.context_processors.csp",
            ],
        },
    },
    # The finder's results and filters only (portal.jinja says why); looked up by name with
    # ``using="jinja2"``, so no Django template is ever shadowed.
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "NAME": "jinja2",
        "DIRS": [BASE_DIR / "jinja-templates"],
        "APP_DIRS": False,
        "OPTIONS": {"environment": "portal.jinja.environment"},
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A database that accepts connections but never answers must not hold a thread for ever:
    # connecting gives up after DB_CONNECT_TIMEOUT seconds (libpq's minimum is 2), a statement
    # after DB_STATEMENT_TIMEOUT milliseconds (0 = no limit, e.g. for a long migration), and a
    # connection whose packets go unanswered (host gone) is dropped by the kernel after
    # tcp_user_timeout and the keepalive probes. Options from DATABASE_URL take precedence.
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options.setdefault("connect_timeout", int(os.environ.get("DB_CONNECT_TIMEOUT", "3")))
    _statement_timeout = int(os.environ.get("DB_STATEMENT_TIMEOUT", "10000"))
    _options["options"] = " ".join(
        filter(None, [f"-c statement_timeout={_statement_timeout}", _options.get("options")])
    )
    _options.setdefault("tcp_user_timeout", 10000)
    _options.setdefault("keepalives", 1)
    _options.setdefault("keepalives_idle", 30)
    _options.setdefault("keepalives_interval", 10)
    _options.setdefault("keepalives_count", 3)
    # A server that accepts and never answers: every wait gives up on the client side after
    # this many seconds (portal.database); gunicorn.conf.py sets 5, commands wait unbounded.
    DB_WAIT_TIMEOUT = float(os.environ.get("DB_WAIT_TIMEOUT", "0"))
else:
    DB_WAIT_TIMEOUT = 0
# Threads of a process that may wait for PostgreSQL at once: one fewer than gunicorn runs.
DB_WAITING_THREADS = int(os.environ.get("GUNICORN_THREADS", "4")) - 1

# Where deploy/afs-backup.sh writes its dumps; the work list warns when the newest is old.
BACKUP_DIR = os.environ.get("BACKUP_DIR", "/var/backups/afs" if PRODUCTION else "")

# A shared cache (Redis) for several app instances; local memory for one process.
CACHE_URL = os.environ.get("CACHE_URL", "")
if CACHE_URL.startswith(("redis://", "rediss://")):
    # A slow or hanging Redis costs a request at most CACHE_TIMEOUT_MS (connect and each
    # reply), after which the pages are built without the cache (portal/cache.py).
    _cache_timeout = int(os.environ.get("CACHE_TIMEOUT_MS", "100")) / 1000
    CACHES = {
        "default": {
            "BACKEND": "portal.redis_cache.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": "afs",
            "OPTIONS": {
                "socket_connect_timeout": _cache_timeout,
                "socket_timeout": _cache_timeout,
            },
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "afs",
        }
    }

# {% cache %} in base.html: header, navigation and footer hold no content from the database,
# only URLs and translations, so each process keeps them in its own memory until it restarts.
CACHES["template_fragments"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "template-fragments",
    "TIMEOUT": None,
    "OPTIONS": {"MAX_ENTRIES": 1000},
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("Deutsch")), ("en", _("Englisch"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Outside production, serve static files straight from the app folders (no collectstatic).
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = not PRODUCTION
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# Mail: SMTP in production (and whenever EMAIL_HOST is set), the console in development. The
# README's EMAIL_* variables feed the mailer's OPTIONS (Django refuses EMAIL_* settings beside
# MAILERS). portal.checks stops production without a usable mailer; portal.mail sends.
_smtp = "django.core.mail.backends.smtp.EmailBackend"
_mail_backend = os.environ.get("EMAIL_BACKEND") or (
    _smtp
    if PRODUCTION or os.environ.get("EMAIL_HOST")
    else "portal.console_mail.ReadableConsoleBackend"
)
MAILERS = {"default": {"BACKEND": _mail_backend}}
if _mail_backend == _smtp:
    MAILERS["default"]["OPTIONS"] = {
        "host": os.environ.get("EMAIL_HOST") or None,
        # Without a port: 25, or 587 with TLS, 465 with SSL.
        "port": int(os.environ["EMAIL_PORT"]) if os.environ.get("EMAIL_PORT") else None,
        "username": os.environ.get("EMAIL_HOST_USER", ""),
        "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
        "use_tls": env_bool("EMAIL_USE_TLS"),
        "use_ssl": env_bool("EMAIL_USE_SSL"),
        # Seconds; a request waits at most this long for a mail server that does not answer.
        "timeout": float(os.environ.get("EMAIL_TIMEOUT", "10")),
    }

# Mails of the e-mail alerts are sent by tasks (django.tasks). Production queues them in the
# database for the worker (`manage.py db_worker`, deploy/systemd/); development sends them at
# once, so `make run` prints them in the console without a worker.
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "TASKS_BACKEND",
            "django_tasks_db.DatabaseBackend"
            if PRODUCTION
            else "django.tasks.backends.immediate.ImmediateBackend",
        ),
    }
}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "netzwerk@aerzte-fuer-sachsen.de")
# Contact form: at most this many messages per sender address and hour (against spam).
CONTACT_MESSAGES_PER_HOUR = int(os.environ.get("CONTACT_MESSAGES_PER_HOUR", "3"))
# The site's own address, for links in emails sent outside a request (reminders, decisions).
# `make run` sets it from PORT.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# The coordination office hears of new proposals (and contact messages) at this address: one
# e-mail each, up to OFFICE_NOTIFICATION_DAILY_LIMIT a day; beyond that the daily summary
# (`manage.py send_office_summary`) lists them instead.
OFFICE_NOTIFICATION_EMAIL = os.environ.get(
    "OFFICE_NOTIFICATION_EMAIL", "info@aerzte-fuer-sachsen.de"
).strip()
OFFICE_NOTIFICATION_DAILY_LIMIT = int(os.environ.get("OFFICE_NOTIFICATION_DAILY_LIMIT", "5"))

# The open-data export's files, each written once per content version and finder state
# (funding.open_data.ExportFile); the oldest are deleted beyond the byte budget.
OPEN_DATA_DIR = os.environ.get(
    "OPEN_DATA_DIR",
    os.path.join(tempfile.gettempdir(), f"aerzte-fuer-sachsen-open-data-{os.getuid()}"),
)
OPEN_DATA_MAX_BYTES = int(os.environ.get("OPEN_DATA_MAX_BYTES", str(256 * 1024 * 1024)))

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "partnerarea:dashboard"

# django-axes checks every login (admin and partner area) before the model backend does;
# portal.logins adds the per-user-name brake and reads the client address behind nginx.
AUTHENTICATION_BACKENDS = [
    "portal.logins.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Five wrong passwords for one user name from one address lock that pair out for an hour;
# locking by address alone would shut out a whole hospital behind one proxy, by user name alone
# would let anyone lock out any account.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# An attempt refused by the lockout or the brake checks no password, so it counts as nothing:
# the hour runs from the last real failure, and hammering cannot prolong the owner's wait.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_LOCKOUT_CALLABLE = "portal.logins.lockout_response"
# No log of successful logins: the office does not need it and it is personal data.
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False
# The client's address: REMOTE_ADDR, or the last X-Forwarded-For entry when REMOTE_ADDR is one
# of these proxies (addresses or networks; "unix" for gunicorn on a Unix socket). Production
# runs behind nginx on the same host; development trusts no header.
AXES_CLIENT_IP_CALLABLE = "portal.logins.client_address"
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", "127.0.0.1,::1,unix" if PRODUCTION else "")
# Past this many failures for one user name from all addresses within AXES_COOLOFF_TIME, each
# attempt waits 2, 4, 8 … seconds, at most LOGIN_THROTTLE_MAX_DELAY (portal.logins).
LOGIN_THROTTLE_AFTER = int(os.environ.get("LOGIN_THROTTLE_AFTER", "10"))
LOGIN_THROTTLE_MAX_DELAY = int(os.environ.get("LOGIN_THROTTLE_MAX_DELAY", "300"))

# Content-Security-Policy: nothing may load from another origin.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Sent by django-permissions-policy's middleware: the site uses none of these features.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
}
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 8
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    # Load balancers and orchestrators probe the app over plain HTTP; a redirect would fail them.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    # Preloading is a promise to browsers that is slow to take back: only when asked for.
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD")
    if not SECURE_HSTS_PRELOAD:
        SILENCED_SYSTEM_CHECKS = ["security.W021"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    if env_bool("BEHIND_TLS_PROXY", True):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
