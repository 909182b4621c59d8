"""Torget's one settings module.

Everything that differs between a laptop demo and a production cluster comes from environment
variables (see README). The defaults are the embedded setup: SQLite in ./var, no other server.
"""

import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from torget.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(env_str("TORGET_DATA_DIR", str(Path.cwd() / "var")))
DATA_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "testserver"}


def local_secret_key() -> str:
    """A key generated once per data folder; only acceptable while Torget answers locally."""
    if not set(ALLOWED_HOSTS) <= LOCAL_HOSTS:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when ALLOWED_HOSTS names a public host "
            f"({', '.join(ALLOWED_HOSTS)})."
        )
    path = DATA_DIR / "secret.key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = env_str("SECRET_KEY") or local_secret_key()

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "ninja",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_tasks",
    "django_tasks_db",
    "torget.orgs",
    "torget.accounts",
    "torget.inbox",
    "torget.channels",
    "torget.comments",
    "torget.moderation",
    "torget.system",
    "torget.demo",
]

MIDDLEWARE = [
    "torget.system.middleware.ApiErrorsAsJson",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "torget.orgs.middleware.CurrentMembershipMiddleware",
]

ROOT_URLCONF = "torget.urls"
WSGI_APPLICATION = "torget.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "torget.orgs.context_processors.current_membership",
            ],
        },
    },
]


def database_settings() -> dict:
    url = env_str("DATABASE_URL")
    if url:
        try:
            config = dj_database_url.parse(url, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))
        except ValueError as error:
            raise ImproperlyConfigured(f"DATABASE_URL could not be read: {error}") from None
        config["CONN_HEALTH_CHECKS"] = True
        return config
    # WAL lets the web process read while the task worker writes; IMMEDIATE avoids
    # "database is locked" upgrades from read to write transactions.
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": DATA_DIR / "torget.sqlite3",
        # Kept open between requests: opening one costs the pragmas and a schema read each time.
        "CONN_MAX_AGE": env_int("DB_CONN_MAX_AGE", 60),
        "CONN_HEALTH_CHECKS": True,
        "OPTIONS": {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        },
    }


DATABASES = {"default": database_settings()}

# "shared" is seen by every server process on this machine: what one process works out (the
# inbox's counts) or clears after a change, the others use at once.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "shared": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": DATA_DIR / "cache",
        # Past the default 300 entries it culls a third at random, marks and counters alike.
        "OPTIONS": {"MAX_ENTRIES": 100_000},
    },
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = ["torget.accounts.backends.UsernameOrEmailBackend"]
LOGIN_URL = "accounts-login"
LOGIN_REDIRECT_URL = "orgs-home"
LOGOUT_REDIRECT_URL = "accounts-login"
LOGIN_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
# How long a worker may take to deliver one reply before another may try it again.
OUTBOX_LEASE_SECONDS = env_int("OUTBOX_LEASE_SECONDS", 120)
LOGIN_FAILURE_WINDOW_MINUTES = env_int("LOGIN_FAILURE_WINDOW_MINUTES", 15)
INVITATION_DAYS = env_int("INVITATION_DAYS", 7)
OTP_TOTP_ISSUER = "Torget"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
BEHIND_PROXY = env_bool("BEHIND_PROXY", False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_PROXY else None
X_FRAME_OPTIONS = "DENY"

LANGUAGE_CODE = "nb"
LANGUAGES = [("nb", "Norsk bokmål"), ("nn", "Norsk nynorsk"), ("en", "English")]
LANGUAGE_COOKIE_NAME = "torget_language"
LOCALE_PATHS = [Path(env_str("TORGET_LOCALE_DIR", str(BASE_DIR / "locale")))]
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(DATA_DIR / "static")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# Serving straight from the app folders keeps `make demo` free of a collectstatic step.
WHITENOISE_USE_FINDERS = env_bool("STATIC_FROM_APPS", True)

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "torget@localhost")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")
# The deployment's own Meta app, for connecting Facebook pages through Facebook's sign-in;
# without it, a page is connected with the fields from the app's dashboard.
META_APP_ID = env_str("TORGET_META_APP_ID")
META_APP_SECRET = env_str("TORGET_META_APP_SECRET")
# Servers an organization names (Mastodon, mail, Bluesky) may be inside this network only
# when Torget itself runs in a closed network (see channels/servers.py).
ALLOW_PRIVATE_SERVERS = env_bool("TORGET_ALLOW_PRIVATE_SERVERS", False)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # They log each request's address, and the Graph API takes its token in the address.
        "httpx": {"level": "WARNING"},
        "httpcore": {"level": "WARNING"},
    },
}
