"""Settings shared by every environment.

Everything that differs between machines is read from the environment through
`config.env`. Services are configured only if present: no `DATABASE_URL` means a
SQLite file, no `REDIS_URL` means local-memory cache and the in-memory channel layer.
"""

from pathlib import Path

import dj_database_url
from django.utils.csp import CSP

from config.env import env, env_bool, env_int, env_list

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env("GONGZHI_VAR_DIR", str(BASE_DIR / "var")))

SECRET_KEY = env(
    "SECRET_KEY", "dev-only-insecure-key-change-me-0123456789abcdefghijklmnop"
)
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# Fernet keys for sensitive fields at rest (accounts.crypto); the first encrypts.
FIELD_ENCRYPTION_KEYS = env_list("FIELD_ENCRYPTION_KEYS")

SITE_NAME = env("SITE_NAME", "共治 Gongzhi")
SITE_ID = 1
# The address e-mails and absolute links name (host[:port], no scheme); the
# django.contrib.sites row is kept equal to SITE_NAME / SITE_DOMAIN after every
# migrate (accounts.registration), so no mail ever says "example.com".
SITE_DOMAIN = env("SITE_DOMAIN", "127.0.0.1:8000")

# --------------------------------------------------------------------------
# Applications
# --------------------------------------------------------------------------
INSTALLED_APPS = [
    "daphne",
    # Project apps come first so their templates override the libraries'.
    "accounts",
    "communities",
    "notifications",
    "audit",
    "governance",
    "consultation",
    "volunteers",
    "charity",
    "assistance",
    "pairing",
    "opendata",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # Accounts
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    # Platform
    "rules.apps.AutodiscoverRulesConfig",
    "channels",
    "django_tasks_db",
    "rest_framework",
    "drf_spectacular",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sites",
]

# Social providers are switched on by configuration alone, e.g.
# SOCIAL_PROVIDERS=weixin,github plus SOCIALACCOUNT_<PROVIDER>_CLIENT_ID/_SECRET.
SOCIAL_PROVIDERS = env_list("SOCIAL_PROVIDERS")
INSTALLED_APPS += [f"allauth.socialaccount.providers.{p}" for p in SOCIAL_PROVIDERS]
SOCIALACCOUNT_PROVIDERS = {
    provider: {
        "APPS": [
            {
                "client_id": env(f"SOCIALACCOUNT_{provider.upper()}_CLIENT_ID"),
                "secret": env(f"SOCIALACCOUNT_{provider.upper()}_SECRET"),
            }
        ]
    }
    for provider in SOCIAL_PROVIDERS
}

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.middleware.PreferredLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "config.middleware.AdminContentSecurityPolicyMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "communities.middleware.IdRangeMiddleware",
    "accounts.middleware.RequireStaffMFAMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "accounts.context_processors.interface",
                "notifications.context_processors.unread",
                "config.context_processors.site",
            ],
        },
    },
]

# --------------------------------------------------------------------------
# Database, cache, channel layer, tasks
# --------------------------------------------------------------------------
DATABASE_URL = env("DATABASE_URL")
if DATABASE_URL:
    # Health checks: a connection that died while idle (a PostgreSQL restart,
    # pg_terminate_backend, a network blip) is replaced before its first query
    # instead of failing the request or the worker pass that finds it.
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL, conn_max_age=0, conn_health_checks=True
        )
    }
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env("SQLITE_PATH", str(VAR_DIR / "db.sqlite3")),
            "OPTIONS": {
                # WAL lets the task worker and the web server write side by side.
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
            "CONN_HEALTH_CHECKS": True,
        }
    }
IS_POSTGRES = DATABASES["default"]["ENGINE"].endswith("postgresql")
# A read replica for public pages and dashboards (config/replica.py, docs/deploy.md).
DATABASE_REPLICA_URL = env("DATABASE_REPLICA_URL")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(
        DATABASE_REPLICA_URL, conn_max_age=0, conn_health_checks=True
    )
    DATABASE_ROUTERS = ["config.replica.ReplicaRouter"]
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
        "config.replica.ReplicaMiddleware",
    )
REPLICA_PIN_SECONDS = env_int("REPLICA_PIN_SECONDS", 10)
# Street and district dashboards read totals a job refreshes this often
# (communities/oversight/snapshots.py).
REGION_FIGURES_MINUTES = env_int("REGION_FIGURES_MINUTES", 10)
if IS_POSTGRES:
    INSTALLED_APPS.append("django.contrib.postgres")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    # Both degrade instead of failing while Redis is unreachable (config/failsoft.py):
    # pages are served uncached from the database, live pushes are dropped.
    CACHES = {
        "default": {
            "BACKEND": "config.failsoft.FailSoftRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", "gongzhi"),
            "OPTIONS": {
                "socket_connect_timeout": 1,
                "socket_timeout": 2,
                # Seconds before a process tries an unreachable Redis again.
                "RETRY_AFTER": env_int("CACHE_RETRY_SECONDS", 5),
            },
        }
    }
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "config.failsoft.FailSoftRedisChannelLayer",
            "CONFIG": {
                "hosts": [{"address": REDIS_URL, "socket_connect_timeout": 1}],
                "prefix": env("CHANNEL_PREFIX", "gongzhi:asgi"),
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}

# Live meeting pushes: at most one snapshot per meeting and process per window
# (the first change is pushed at once, later ones in one trailing push).
LIVE_PUSH_WINDOW_MS = env_int("LIVE_PUSH_WINDOW_MS", 150)

# Per-process cache for fragments that depend only on code and language (no
# invalidation needed), e.g. the sign-in form's fields: no network round trip.
CACHES["local"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "gongzhi-local",
}

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Background processes (`manage.py run_worker`, `manage.py run_scheduler`) check in
# every pass. `/readyz` answers 503 naming each kind in READYZ_PROCESSES whose newest
# check-in is older than PROCESS_CHECK_IN_MAX_AGE seconds (dev settings expect none).
PROCESS_CHECK_IN_MAX_AGE = env_int("PROCESS_CHECK_IN_MAX_AGE", 300)
READYZ_PROCESSES = env_list("READYZ_PROCESSES", ["worker", "scheduler"])
# A RUNNING task whose worker has not checked in for this long (or, if its worker
# never checked in, that started this long ago) is handed back to the queue; after
# TASK_MAX_ATTEMPTS starts it is marked failed instead.
TASK_STALE_SECONDS = env_int("TASK_STALE_SECONDS", 120)
TASK_MAX_ATTEMPTS = env_int("TASK_MAX_ATTEMPTS", 3)
# A notification e-mail claimed this long ago but not marked sent is sent again
# (its worker died mid-send). Longer than any one SMTP conversation.
NOTIFICATION_EMAIL_CLAIM_SECONDS = env_int("NOTIFICATION_EMAIL_CLAIM_SECONDS", 300)

# --------------------------------------------------------------------------
# Authentication (django-allauth, django-rules)
# --------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"

ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email", "phone"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "phone", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = False
# Following the emailed link in the browser that signed up finishes the sign-in.
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_FORMS = {
    "login": "accounts.forms.LoginForm",
    "request_login_code": "accounts.forms.RequestLoginCodeForm",
}
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_PHONE_VERIFICATION_SUPPORTS_RESEND = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[共治] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if not DEBUG else "http"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Gongzhi"
# Wrong second-step codes are counted per (address, account), so a person who has
# only the password cannot lock the account holder out (see accounts.mfa_forms).
MFA_FORMS = {"authenticate": "accounts.mfa_forms.SourceBoundAuthenticateForm"}
SOCIALACCOUNT_ADAPTER = "accounts.adapter.SocialAccountAdapter"

# Where SMS verification codes go; the local sender writes them to the log.
SMS_SENDER = env("SMS_SENDER", "accounts.sms.LogSmsSender")

# --------------------------------------------------------------------------
# Internationalisation
# --------------------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env("TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

# --------------------------------------------------------------------------
# Static and media files
# --------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(VAR_DIR / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
WHITENOISE_USE_FINDERS = DEBUG
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(VAR_DIR / "media")))
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

AWS_STORAGE_BUCKET_NAME = env("S3_BUCKET")
if AWS_STORAGE_BUCKET_NAME:
    AWS_S3_ENDPOINT_URL = env("S3_ENDPOINT_URL") or None
    AWS_S3_REGION_NAME = env("S3_REGION") or None
    AWS_ACCESS_KEY_ID = env("S3_ACCESS_KEY_ID")
    AWS_SECRET_ACCESS_KEY = env("S3_SECRET_ACCESS_KEY")
    AWS_DEFAULT_ACL = None
    AWS_QUERYSTRING_AUTH = True
    AWS_S3_FILE_OVERWRITE = False
    MEDIA_STORAGE = {"BACKEND": "storages.backends.s3.S3Storage"}
    PRIVATE_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {"location": "private", "querystring_expire": 60},
    }
else:
    MEDIA_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    # No URL: private files (assistance case attachments) are served only through
    # views that check who may read them and log the read.
    PRIVATE_STORAGE = {
        "BACKEND": "assistance.cases.storage.PrivateFileSystemStorage",
        "OPTIONS": {
            "location": str(Path(env("PRIVATE_MEDIA_ROOT", str(VAR_DIR / "private")))),
            "base_url": None,
        },
    }
STORAGES = {
    "default": MEDIA_STORAGE,
    "private": PRIVATE_STORAGE,
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
    },
}

# --------------------------------------------------------------------------
# Email (Django 6.1 MAILERS)
# --------------------------------------------------------------------------
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "共治 Gongzhi <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
if env("SMTP_HOST"):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": env("SMTP_HOST"),
                "port": env_int("SMTP_PORT", 587),
                "username": env("SMTP_USER") or None,
                "password": env("SMTP_PASSWORD") or None,
                "use_tls": env_bool("SMTP_USE_TLS", True),
                "timeout": 20,
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}

# --------------------------------------------------------------------------
# Security
# --------------------------------------------------------------------------
# Sessions live in the database only: signing in and staying signed in must not
# depend on Redis (a cached_db session read fails with the cache, and a logout
# missed by an unreachable cache could come back with it).
# With Redis, sessions are read from it and kept in the database (config/sessions.py).
SESSION_ENGINE = (
    "config.sessions" if REDIS_URL else "django.contrib.sessions.backends.db"
)
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Content Security Policy: nothing from outside the site (intranet-friendly).
# Public pages carry no inline script, so cached pages never hold a stale nonce.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:", "blob:"],
    "font-src": [CSP.SELF, "data:"],
    "connect-src": [
        CSP.SELF,
        *([env("WEBSOCKET_BASE_URL")] if env("WEBSOCKET_BASE_URL") else []),
    ],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

# --------------------------------------------------------------------------
# Wagtail
# --------------------------------------------------------------------------
WAGTAIL_SITE_NAME = SITE_NAME
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", f"http://{SITE_DOMAIN}")
# The Wagtail admin signs in through allauth, so its rate limits and 2FA apply.
WAGTAILADMIN_LOGIN_URL = "/accounts/login/"
WAGTAIL_FRONTEND_LOGIN_URL = "/accounts/login/"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = [
    "pdf",
    "docx",
    "xlsx",
    "doc",
    "xls",
    "odt",
    "ods",
    "txt",
    "csv",
]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp", "gif"]
# Uploads are checked by content (communities/uploads.py): programs, SVG and files whose
# name lies about their content are refused; images are re-encoded without metadata.
WAGTAILDOCS_DOCUMENT_FORM_BASE = "communities.uploads.CheckedDocumentForm"
WAGTAILIMAGES_IMAGE_FORM_BASE = "communities.uploads.CheckedImageForm"
# Stream documents through Django (never redirect to S3) and always as downloads.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No avatars from outside the site (it must work on an intranet).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# The editors' own time zone choice on the admin account page: China's zones only
# (the full list is hundreds of English place names).
WAGTAIL_USER_TIME_ZONES = ["Asia/Shanghai", "Asia/Urumqi"]

# --------------------------------------------------------------------------
# Project
# --------------------------------------------------------------------------
# Anonymous pages are cached for this long; content changes invalidate them at once.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 300)
DEMO_PASSWORD = env("DEMO_PASSWORD", "gongzhi-demo-2026")
# Empty: websockets on the same origin (/ws/ routed by the proxy). `make serve` sets it.
WEBSOCKET_BASE_URL = env("WEBSOCKET_BASE_URL", "")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "daphne": {"level": "WARNING"},
    },
}
MFA_SETUP_URL = "/accounts/2fa/totp/activate/"


# --------------------------------------------------------------------------
# The public API (opendata, docs/api.md)
# --------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "opendata.renderers.SafeCSVRenderer",
    ],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "opendata.negotiation.FormatOnlyNegotiation",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_RATES": {
        "officer_token": env("OPENDATA_TOKEN_RATE", "120/min"),
    },
    "COERCE_DECIMAL_TO_STRING": True,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Gongzhi open data API",
    "DESCRIPTION": (
        "Read-only public records of the communities (no sign-in), and officers' "
        "area figures with a personal token. See docs/api.md."
    ),
    "VERSION": "1.0.0",
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "PREPROCESSING_HOOKS": ["opendata.schema.only_api_v1"],
}
