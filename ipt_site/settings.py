"""Settings for ipt-course: one module, every deployment value read from the environment.

See the configuration table in README.md. Production is the default (``DEBUG`` off);
``make run`` turns ``DEBUG`` on for the local demo.
"""

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from ipt_site.environment import database_from_url, env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

DEBUG = env_bool("DEBUG", False)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    _local_key = VAR_DIR / "secret_key"
    SECRET_KEY = _local_key.read_text().strip() if _local_key.exists() else "insecure-local-only"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
CLINIC_NAME = env_str("CLINIC_NAME", "IPT Service")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "ipt_site.apps.SiteConfig",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "accounts",
    "audit",
    "cases",
    "sessions.apps.SessionLogsConfig",
    "inventory",
    "measures",
    "groups",
    "supervision",
    "client_area",
    "exports",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "audit.middleware.RequestContextMiddleware",
    # WhiteNoise answers static files itself, before NoStoreMiddleware: they stay cacheable.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "accounts.middleware.NoStoreMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "accounts.session_user.SignedInUserMiddleware",
    "ipt_site.middleware.RefuseNulBytesMiddleware",
    "accounts.middleware.SessionLimitsMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "accounts.middleware.SecondFactorMiddleware",
    "audit.middleware.AccessAuditMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "ipt_site.urls"
WSGI_APPLICATION = "ipt_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            # {% url %} reversing each distinct link once per process: the same tag and output.
            "builtins": ["ipt_site.templatetags.reversed_urls"],
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "ipt_site.context_processors.clinic",
                "accounts.context_processors.security",
            ],
        },
    },
]

DATABASES = {
    "default": database_from_url(
        env_str("DATABASE_URL", "sqlite:///var/db.sqlite3"), base_dir=BASE_DIR
    )
}
# PostgreSQL with two roles: DATABASE_URL is the runtime role the app runs as (it owns nothing);
# MIGRATE_DATABASE_URL is the owner that `manage.py migrate` connects as (audit.roles). Unset,
# one role does both, and the database cannot stop the app's own role (SECURITY.md).
_migrate_url = env_str("MIGRATE_DATABASE_URL")
DATABASE_OWNER = (
    database_from_url(_migrate_url, base_dir=BASE_DIR, name="MIGRATE_DATABASE_URL")
    if _migrate_url
    else None
)
if DATABASE_OWNER and (
    DATABASE_OWNER["ENGINE"] != DATABASES["default"]["ENGINE"]
    or DATABASE_OWNER["NAME"] != DATABASES["default"]["NAME"]
):
    raise ImproperlyConfigured(
        "MIGRATE_DATABASE_URL must name the same database as DATABASE_URL, with the owner's role."
    )
DATABASE_RUNTIME_USER = DATABASES["default"].get("USER", "")
# PostgreSQL connection pooling (psycopg's pool, one per app-server process). Worth it with
# threaded workers (gunicorn --threads); with sync workers the persistent connection
# (CONN_MAX_AGE) already serves. Django refuses a pooled connection that is also persistent.
DATABASE_POOL = env_bool("DATABASE_POOL", False)
if DATABASE_POOL and DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["OPTIONS"]["pool"] = {
        "min_size": env_int("DATABASE_POOL_MIN_SIZE", 1),
        "max_size": env_int("DATABASE_POOL_MAX_SIZE", 4),
        "timeout": env_int("DATABASE_POOL_TIMEOUT_SECONDS", 10),
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
# The record pages' lookups built ``planned_once`` (cases.prepared_queries) run as prepared
# statements of their connection: PostgreSQL parses and plans each once per connection, not on
# every request. Turn off behind PgBouncer in transaction mode unless it keeps prepared
# statements (1.21+, max_prepared_statements). Only those queries use it: Django's own cursors
# bind on the client and never prepare.
DATABASE_PREPARED_STATEMENTS = env_bool("DATABASE_PREPARED_STATEMENTS", True)
if (
    DATABASE_PREPARED_STATEMENTS
    and DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
):
    DATABASES["default"]["OPTIONS"].setdefault("prepare_threshold", 0)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Widgets rendered in Python, byte for byte as Django's templates (ipt_site.form_rendering).
FORM_RENDERER = "ipt_site.form_rendering.WidgetRenderer"

# The key of the audit trail's hash chain (audit.chain). Unset, it is derived from SECRET_KEY;
# set it in production so that rotating SECRET_KEY does not break verification of older rows.
AUDIT_CHAIN_KEY = env_str("AUDIT_CHAIN_KEY")

AUTH_USER_MODEL = "accounts.User"
# django-axes first, so a locked-out attempt is refused before any password is hashed.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # ModelBackend, taking the user row read with the session (accounts.session_user).
    "accounts.session_user.SignedInUserBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = env_str("TIME_ZONE", "Europe/London")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Tests and the embedded server serve straight from static/ without collectstatic.
WHITENOISE_USE_FINDERS = env_bool("WHITENOISE_USE_FINDERS", True)
WHITENOISE_MANIFEST_STRICT = False

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

# More than one app server: everything a request may need from an earlier one lives in
# PostgreSQL (sessions and messages in the session table, lockout counts, second-factor state,
# record versions for the two-tab conflict check, the audit chain). Nothing uses Django's cache;
# it is a no-op so that nothing can come to depend on one process's memory without a decision
# (a shared cache would be DatabaseCache). See README, "More than one app server".
# Database sessions, read together with the signed-in user's row (accounts.session_user).
SESSION_ENGINE = "accounts.session_user"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}

# Security headers. Production (DEBUG off) is strict; the local demo runs on plain http.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF],  # the enrolment QR code is inline SVG markup, not a data: image
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env_int("SESSION_ABSOLUTE_SECONDS", 12 * 60 * 60)
SESSION_IDLE_SECONDS = env_int("SESSION_IDLE_SECONDS", 30 * 60)
SESSION_ABSOLUTE_SECONDS = SESSION_COOKIE_AGE

# Lockout (django-axes): five failures lock that username from that address for a while, and
# twenty from any addresses lock the account (accounts/lockout.py). The database handler keeps
# the count in one place for every worker process.
AXES_HANDLER = "accounts.lockout.AccountCapHandler"
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_ACCOUNT_FAILURE_LIMIT = env_int("AXES_ACCOUNT_FAILURE_LIMIT", 20)
# Never log what was typed into the sign-in form (axes masks these in its stored query data).
AXES_SENSITIVE_PARAMETERS = ["username", "password", "ip_address"]
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 30) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# How many reverse proxies append to X-Forwarded-For in front of the app (0: none, use
# REMOTE_ADDR). Lockout and the audit trail both take the client address from it.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "audit.addresses.client_ip"
AXES_USERNAME_CALLABLE = "accounts.signin_audit.lockout_username"

# Second factor (django-otp): TOTP apps and one-time recovery codes.
OTP_TOTP_ISSUER = CLINIC_NAME

if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    if env_bool("BEHIND_TLS_PROXY", False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Mail: production sends through SMTP configured from the environment; the demo prints mail.
MAILERS = {
    "default": (
        {"BACKEND": "django.core.mail.backends.console.EmailBackend"}
        if DEBUG
        else {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": env_str("EMAIL_HOST", "localhost"),
                "port": env_int("EMAIL_PORT", 25),
                "username": env_str("EMAIL_HOST_USER"),
                "password": env_str("EMAIL_HOST_PASSWORD"),
                "use_tls": env_bool("EMAIL_USE_TLS", False),
            },
        }
    )
}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "ipt-course@localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}

DEMO_PASSWORD = env_str("DEMO_PASSWORD", "demo-pass-2026")

# PDF exports (cases.pdf, cases.pdf_workers): each render runs in a worker process that is killed
# after PDF_TIMEOUT_SECONDS and may use at most PDF_MEMORY_LIMIT_MB of address space; at most
# PDF_MAX_CONCURRENT run at once on one machine (slot lock files in PDF_SLOT_DIR, shared by every
# app-server process there), and beyond that the user is asked to try again.
PDF_TIMEOUT_SECONDS = env_int("PDF_TIMEOUT_SECONDS", 20)
PDF_MEMORY_LIMIT_MB = env_int("PDF_MEMORY_LIMIT_MB", 1536)
PDF_MAX_CONCURRENT = env_int("PDF_MAX_CONCURRENT", 2)
PDF_SLOT_DIR = env_str("PDF_SLOT_DIR", str(VAR_DIR / "pdf-slots"))

# Outcome monitoring (measures app, read from each adaptation's own measures): a course is "not
# on track" when they show a reliable deterioration at any point (or a rise of this many points
# on a measure with no published reliable change), or when, from this attended session on, its
# depression measure has not fallen by at least this many points from the first score.
OUTCOME_NOT_ON_TRACK_FROM_SESSION = env_int("OUTCOME_NOT_ON_TRACK_FROM_SESSION", 6)
OUTCOME_NOT_ON_TRACK_MIN_PHQ9_FALL = env_int("OUTCOME_NOT_ON_TRACK_MIN_PHQ9_FALL", 3)

# The client's own pages (client_area): a link lasts CLIENT_LINK_DAYS at most (and never past
# the course's planned end); a device verified by date of birth is remembered for
# CLIENT_DEVICE_DAYS; the pages close after CLIENT_IDLE_SECONDS without use.
CLIENT_LINK_DAYS = env_int("CLIENT_LINK_DAYS", 120)
CLIENT_DEVICE_DAYS = env_int("CLIENT_DEVICE_DAYS", 30)
CLIENT_IDLE_SECONDS = env_int("CLIENT_IDLE_SECONDS", 10 * 60)
CLIENT_COOKIE_NAME = "ipt_client" if DEBUG else "__Host-ipt_client"
CLIENT_COOKIE_SECURE = not DEBUG
# What the client is told to do in a crisis when their course has no safety plan (and beneath
# every client page): the service's own numbers.
CLIENT_CRISIS_TEXT = env_str(
    "CLIENT_CRISIS_TEXT",
    "If you are in danger or cannot keep yourself safe, call 999 or go to A&E now. "
    "You can call NHS 111 (option 2 for mental health) or Samaritans on 116 123, day or night.",
)

# Background work (Django's Tasks framework): a queue in the database (django-tasks-db), worked
# by `manage.py db_worker` (`make run` starts one; README "Background worker" for production).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Links in staff emails point here (no trailing slash needed).
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")
CLIENT_NOTICE_SUBJECT = env_str("CLIENT_NOTICE_SUBJECT", "A course on your caseload needs a look")
# Questionnaires open on the client's phone this many days before a session (and on the day).
CLIENT_QUESTIONNAIRE_DAYS = env_int("CLIENT_QUESTIONNAIRE_DAYS", 3)
