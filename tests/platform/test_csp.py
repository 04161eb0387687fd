"""The strict Content Security Policy everywhere, a looser one for the admin's scripts."""

import pytest

pytestmark = pytest.mark.django_db


def test_public_pages_allow_scripts_only_from_the_site_or_with_a_nonce(client):
    policy = client.get("/accounts/login/")["Content-Security-Policy"]
    script_src = next(
        p for p in policy.split(";") if p.strip().startswith("script-src")
    )
    assert "'self'" in script_src
    assert "'unsafe-inline'" not in script_src
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy


def test_the_admin_may_run_wagtails_inline_scripts(client):
    policy = client.get("/admin/login/")["Content-Security-Policy"]
    script_src = next(
        p for p in policy.split(";") if p.strip().startswith("script-src")
    )
    assert "'unsafe-inline'" in script_src
    assert "nonce-" not in script_src
    assert "default-src 'self'" in policy
