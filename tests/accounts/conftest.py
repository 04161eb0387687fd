"""Fixtures for account flows: verified users, a recording SMS sender, TOTP."""

import re

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.contrib.auth.models import Group, Permission

from tests.accounts import sms

PASSWORD = "correct-horse-battery"


@pytest.fixture
def sms_outbox(settings):
    """Send SMS through the recording sender; yields the list of sent messages."""
    settings.SMS_SENDER = "tests.accounts.sms.RecordingSmsSender"
    sms.outbox.clear()
    yield sms.outbox
    sms.outbox.clear()


@pytest.fixture
def verified_user(user_factory):
    """A person who signed up and confirmed their email address."""

    def make(**kwargs):
        # English, so assertions read English messages (test_language covers zh-hans).
        kwargs.setdefault("preferred_language", "en")
        person = user_factory(**kwargs)
        EmailAddress.objects.create(
            user=person, email=person.email, verified=True, primary=True
        )
        return person

    return make


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


@pytest.fixture
def client(client, settings):
    """Account tests read English messages; test_language covers the default zh-hans."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


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


@pytest.fixture
def admin_client_with_totp(client, verified_user):
    """A superuser with TOTP, signed in: past the admin's 2FA gate."""
    admin = verified_user(is_staff=True, is_superuser=True)
    activate_totp(admin)
    client.force_login(admin)
    return client, admin


@pytest.fixture
def editor(verified_user):
    """Someone allowed into the Wagtail admin (not a superuser)."""
    person = verified_user()
    group = Group.objects.create(name="Test admin access")
    group.permissions.add(
        Permission.objects.get(
            content_type__app_label="wagtailadmin", codename="access_admin"
        )
    )
    person.groups.add(group)
    return person
