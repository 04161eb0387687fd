"""Social providers switch on by configuration alone (SOCIAL_PROVIDERS + client id/secret)."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def _manage(
    *args: str, tmp_path: Path, **extra_env: str
) -> subprocess.CompletedProcess:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "SOCIAL_PROVIDERS"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.test",
        SQLITE_PATH=str(tmp_path / "db.sqlite3"),
        GONGZHI_VAR_DIR=str(tmp_path),
        **extra_env,
    )
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


WEIXIN = {
    "SOCIAL_PROVIDERS": "weixin",
    "SOCIALACCOUNT_WEIXIN_CLIENT_ID": "wx-dummy-id",
    "SOCIALACCOUNT_WEIXIN_SECRET": "wx-dummy-secret",
}


def test_the_weixin_provider_passes_the_system_checks(tmp_path):
    result = _manage("check", tmp_path=tmp_path, **WEIXIN)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_the_weixin_provider_is_installed_and_its_login_url_resolves(tmp_path):
    script = (
        "from django.conf import settings; from django.urls import reverse; "
        "print('installed', 'allauth.socialaccount.providers.weixin' in settings.INSTALLED_APPS); "
        "print('url', reverse('weixin_login')); "
        "from allauth.socialaccount import providers; "
        "print('registered', 'weixin' in providers.registry.provider_map); "
        "print('client', settings.SOCIALACCOUNT_PROVIDERS['weixin']['APPS'][0]['client_id'])"
    )
    result = _manage("shell", "-c", script, tmp_path=tmp_path, **WEIXIN)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.split("\n")
    assert "installed True" in lines
    assert "url /accounts/weixin/login/" in lines
    assert "registered True" in lines
    assert "client wx-dummy-id" in lines


def test_without_configuration_no_social_provider_is_installed():
    assert not [app for app in settings.INSTALLED_APPS if ".providers." in app]
