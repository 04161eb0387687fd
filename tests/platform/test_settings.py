"""Production settings refuse to start unsafely; the embedded default needs nothing."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GOOD_KEY = "k" * 30 + "-production-secret-for-tests-0123456789"


def load_settings(module: str, **env: str) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "SECRET_KEY",
            "ALLOWED_HOSTS",
            "DATABASE_URL",
            "REDIS_URL",
            "DJANGO_SETTINGS_MODULE",
        }
    }
    clean.update(env)
    code = (
        "import django, json; from django.conf import settings; django.setup();"
        "print(json.dumps({'debug': settings.DEBUG, 'session_secure': settings.SESSION_COOKIE_SECURE,"
        "'csrf_secure': settings.CSRF_COOKIE_SECURE, 'hsts': settings.SECURE_HSTS_SECONDS,"
        "'ssl_redirect': settings.SECURE_SSL_REDIRECT, 'csp': bool(settings.SECURE_CSP),"
        "'db': settings.DATABASES['default']['ENGINE'], 'cache': settings.CACHES['default']['BACKEND'],"
        "'layer': settings.CHANNEL_LAYERS['default']['BACKEND'], 'mailer': settings.MAILERS['default']['BACKEND'],"
        "'apps': [a for a in settings.INSTALLED_APPS if a == 'django.contrib.postgres']}))"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": module},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = load_settings(
        "config.settings.production", ALLOWED_HOSTS="gongzhi.example.org"
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_a_short_or_development_secret_key():
    result = load_settings(
        "config.settings.production", SECRET_KEY="short", ALLOWED_HOSTS="x.org"
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = load_settings("config.settings.production", SECRET_KEY=GOOD_KEY)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


def test_production_is_locked_down_and_uses_postgres_and_redis_when_configured():
    result = load_settings(
        "config.settings.production",
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="gongzhi.example.org",
        DATABASE_URL="postgres://u:p@db.internal:5432/gongzhi",
        REDIS_URL="redis://redis.internal:6379/0",
    )
    assert result.returncode == 0, result.stderr
    import json

    facts = json.loads(result.stdout.strip().splitlines()[-1])
    assert facts["debug"] is False
    assert (
        facts["session_secure"]
        and facts["csrf_secure"]
        and facts["ssl_redirect"]
        and facts["csp"]
    )
    assert facts["hsts"] >= 31536000
    assert facts["db"] == "django.db.backends.postgresql"
    assert facts["apps"] == ["django.contrib.postgres"]
    assert facts["cache"] == "config.failsoft.FailSoftRedisCache"
    assert facts["layer"] == "config.failsoft.FailSoftRedisChannelLayer"
    assert facts["mailer"] == "django.core.mail.backends.smtp.EmailBackend"


def test_the_embedded_default_needs_no_other_server(tmp_path):
    result = load_settings("config.settings.dev", GONGZHI_VAR_DIR=str(tmp_path))
    assert result.returncode == 0, result.stderr
    import json

    facts = json.loads(result.stdout.strip().splitlines()[-1])
    assert facts["db"] == "django.db.backends.sqlite3"
    assert facts["cache"] == "django.core.cache.backends.locmem.LocMemCache"
    assert facts["layer"] == "channels.layers.InMemoryChannelLayer"


@pytest.mark.parametrize("value", ["maybe", "2"])
def test_a_malformed_boolean_setting_is_refused_with_its_name(value):
    result = load_settings("config.settings.dev", DEBUG=value)
    assert result.returncode != 0
    assert "DEBUG" in result.stderr
