"""Signing in as a person would in tests: password, TOTP, links in e-mails."""

from __future__ import annotations

import re

from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)

PASSWORD = "correct-horse-battery"  # noqa: S105


def activate_totp(user) -> str:
    """Switch TOTP on for `user` the way allauth does; returns the secret."""
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def current_totp_code(secret: str) -> str:
    counters = list(yield_hotp_counters_from_time())
    return format_hotp_value(hotp_value(secret, counters[len(counters) // 2]))


def link_in(body: str) -> str:
    """The first site link in an email body, as a path."""
    match = re.search(r"https?://testserver(/\S+)", body)
    assert match, body
    return match.group(1)


def sign_in(client, user, password: str = PASSWORD):
    """Sign in through allauth's form, so allauth records a fresh authentication."""
    response = client.post(
        "/accounts/login/", {"login": user.email, "password": password}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert client.session["_auth_user_id"] == str(user.pk)
    return response


def reauthenticate(client, password: str = PASSWORD):
    """Confirm the password again, as allauth asks before security changes."""
    response = client.post("/accounts/reauthenticate/", {"password": password})
    assert response.status_code == 302, response.content.decode()[:2000]
    return response
