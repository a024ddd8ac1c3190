"""All settings, read from the environment with strict parsing.

Environment variables:
    DATABASE_URL   database (default: SQLite at var/dangvu.sqlite3)
    SECRET_KEY     required unless DANGVU_DEV_DEFAULTS=1 (set by `dangvu demo` and tests)
    DEBUG          "1"/"true"/"yes" or "0"/"false"/"no" (default off)
    ALLOWED_HOSTS  comma-separated host names (default: localhost names)
    DANGVU_ROUNDING  "half_up" (default) or "truncate": how percentages are rounded
"""

import os
import sys
from pathlib import Path

import dj_database_url
import xstatic.pkg.bootstrap
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = Path(os.environ.get("DANGVU_HOME", Path.cwd()))
VAR_DIR = PROJECT_DIR / "var"

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} phải là 1/0, true/false hoặc yes/no (đang là {raw!r}).")


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_choice(name: str, choices: set[str], default: str) -> str:
    value = os.environ.get(name, default).strip()
    if value not in choices:
        raise ImproperlyConfigured(
            f"{name} phải là một trong {sorted(choices)} (đang là {value!r})."
        )
    return value


DEV_DEFAULTS = env_bool("DANGVU_DEV_DEFAULTS") or "pytest" in sys.modules
DEBUG = env_bool("DEBUG", default=False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if DEV_DEFAULTS:
        SECRET_KEY = "dangvu-demo-only-insecure-key-do-not-use-in-production"
    else:
        raise ImproperlyConfigured(
            "Chưa đặt biến môi trường SECRET_KEY. Đặt SECRET_KEY (một chuỗi ngẫu nhiên dài) "
            "khi chạy thật; chỉ lệnh `dangvu demo` và bộ kiểm thử mới chạy được khi thiếu nó."
        )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "axes",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "dangvu.vntext",
    "dangvu.accounts",
    "dangvu.audit",
    "dangvu.orgs",
    "dangvu.members",
    "dangvu.imports",
    "dangvu.documents",
    "dangvu.implementation",
    "dangvu.study",
    "dangvu.training",
    "dangvu.meetings",
    "dangvu.oversight",
    "dangvu.citizens",
    "dangvu.ratings",
    "dangvu.emulation",
    "dangvu.checker",
    "dangvu.reports",
    "dangvu.jobs",
    "dangvu.web",
    "dangvu.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "dangvu.urls"
WSGI_APPLICATION = "dangvu.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "dangvu.web.context_processors.site",
            ],
            "builtins": [
                "dangvu.vntext.templatetags.vn",
                "dangvu.web.templatetags.lists",
                "django.templatetags.l10n",
            ],
        },
    }
]

_default_db = f"sqlite:///{VAR_DIR / 'dangvu.sqlite3'}"
DATABASE_URL = os.environ.get("DATABASE_URL", _default_db)
try:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
except Exception as exc:  # dj_database_url raises several kinds
    raise ImproperlyConfigured(f"DATABASE_URL không hợp lệ: {exc}") from exc
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DATABASES["default"]["TEST"] = {"NAME": os.environ.get("TEST_DATABASE_NAME") or None}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
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
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Lockout after repeated failures (django-axes).
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours
# Locked per user name: many users of one office share one IP address behind a proxy,
# so locking by IP would lock the whole office out.
AXES_LOCKOUT_PARAMETERS = ["username"]
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False

LANGUAGE_CODE = "vi"  # always Vietnamese, whatever language the browser asks for
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True
FORMAT_MODULE_PATH = ["dangvu.formats"]

STATIC_URL = "static/"
STATIC_ROOT = PROJECT_DIR / "staticfiles"
STATICFILES_DIRS = [("bootstrap", Path(xstatic.pkg.bootstrap.BASE_DIR))]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG and not DEV_DEFAULTS
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = VAR_DIR / "media"
# The demo and development serve static files straight from the installed packages.
WHITENOISE_USE_FINDERS = DEBUG or DEV_DEFAULTS
WHITENOISE_AUTOREFRESH = DEBUG or DEV_DEFAULTS

# Security headers as Django does them.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=not DEBUG and not DEV_DEFAULTS)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_PROXY") else None
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0"))

# Background jobs (imports; later exports, report documents, aggregates): django-tasks with
# its database backend; run the worker with `dangvu db_worker` (the demo starts one itself).
# Tests run jobs immediately, in the request.
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend"
        if "pytest" in sys.modules
        else "django_tasks_db.DatabaseBackend"
    }
}

DANGVU_ROUNDING = env_choice("DANGVU_ROUNDING", {"half_up", "truncate"}, "half_up")
NINJA_PAGINATION_PER_PAGE = 50

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
