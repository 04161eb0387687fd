"""Production: DEBUG off, secrets and hosts required, HTTPS everywhere."""

from django.core.exceptions import ImproperlyConfigured

from config.env import env, env_bool, env_int, env_list

from .base import *  # noqa: F403
from .base import DATABASES, IS_POSTGRES

DEBUG = False
SECRET_KEY = env("SECRET_KEY", required=True)
if SECRET_KEY.startswith("dev-only") or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured(
        "SECRET_KEY must be a random string of 50 or more characters."
    )
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must list the site's host names.")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"
SITE_DOMAIN = env("SITE_DOMAIN", ALLOWED_HOSTS[0])
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", f"https://{SITE_DOMAIN}")

# Production mail always goes through SMTP: SMTP_HOST, or a local MTA on port 25.
MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": env("SMTP_HOST", "localhost"),
            "port": env_int("SMTP_PORT", 587 if env("SMTP_HOST") else 25),
            "username": env("SMTP_USER") or None,
            "password": env("SMTP_PASSWORD") or None,
            "use_tls": env_bool("SMTP_USE_TLS", bool(env("SMTP_HOST"))),
            "timeout": 20,
        },
    }
}

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

if IS_POSTGRES and env_bool("DATABASE_POOL", False):
    # ASGI processes use psycopg's pool with CONN_MAX_AGE=0 (see STACK.md).
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    from psycopg_pool import ConnectionPool

    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": 1,
        "max_size": env_int("DATABASE_POOL_MAX", 8),
        # A pooled connection that died (server restart, terminated backend) is
        # replaced when handed out, like CONN_HEALTH_CHECKS for persistent ones.
        "check": ConnectionPool.check_connection,
    }
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env_int("CONN_MAX_AGE", 60)
if "replica" in DATABASES:
    # The replica's connections are kept like the primary's.
    DATABASES["replica"]["CONN_MAX_AGE"] = DATABASES["default"]["CONN_MAX_AGE"]
    if "pool" in DATABASES["default"].get("OPTIONS", {}):
        DATABASES["replica"].setdefault("OPTIONS", {})["pool"] = dict(
            DATABASES["default"]["OPTIONS"]["pool"]
        )

# Sign-in limits count per client address. Behind the documented nginx proxy set
# TRUSTED_PROXY_COUNT=1 (nginx must send X-Forwarded-For); otherwise every client
# shares the proxy's address. Leave 0 when clients connect directly.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
