"""Fixtures for account flows: verified users, a recording SMS sender, TOTP."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group, Permission

from tests.accounts import sms
from tests.support.accounts import (  # noqa: F401
    PASSWORD,
    activate_totp,
    current_totp_code,
    link_in,
    reauthenticate,
    sign_in,
)


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


@pytest.fixture
def client(client, settings):
    """Account tests read English messages; test_language covers the default zh-hans."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


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
