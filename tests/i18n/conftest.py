"""Fixtures for the translation tests: compiled catalogues, a portal, a community."""

from __future__ import annotations

import gettext as gettext_module
import subprocess

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from asgiref.local import Local
from django.conf import settings
from django.test import Client
from django.utils.translation import trans_real

from communities import services
from communities.models import Role
from tests.factories import (
    MembershipFactory,
    RoleGrantFactory,
    StreetFactory,
    UserFactory,
)
from tests.i18n.catalogue import LOCALE_DIR

TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # noqa: S105


@pytest.fixture(scope="session", autouse=True)
def _compiled_catalogues():
    """Compile the catalogues when a .mo is missing or older than its .po.

    `make test` compiles them first; this keeps a bare `pytest tests/i18n` honest.
    """
    stale = [
        po
        for po in LOCALE_DIR.glob("*/LC_MESSAGES/django.po")
        if not po.with_suffix(".mo").exists()
        or po.with_suffix(".mo").stat().st_mtime < po.stat().st_mtime
    ]
    if stale:
        for po in stale:
            subprocess.run(
                ["msgfmt", "--check-format", "-o", str(po.with_suffix(".mo")), str(po)],
                check=True,
            )
        # Forget catalogues already read (as Django's autoreloader does).
        gettext_module._translations = {}
        trans_real._translations = {}
        trans_real._default = None
        trans_real._active = Local()


@pytest.fixture
def zh_client():
    """A browser that sends no language preference: it gets the default, Chinese.

    (The suite's `client` asks for English; this folder tests the default.)
    """
    return Client()


@pytest.fixture
def portal(db):
    return services.ensure_portal()


@pytest.fixture
def heping(portal):
    street = StreetFactory()
    return services.create_community(
        street=street, name="和平社区", slug="heping", kind="community"
    )


def default_language_person(**kwargs):
    """Someone who never chose a language: the account's default, Chinese.

    (The suite's UserFactory makes English-speaking people.)
    """
    return UserFactory(preferred_language=settings.LANGUAGE_CODE, **kwargs)


@pytest.fixture
def person(db):
    return default_language_person()


@pytest.fixture
def resident(heping):
    """A verified resident of 和平社区 who keeps the default language."""
    return MembershipFactory(
        community=heping, household__community=heping, user=default_language_person()
    ).user


@pytest.fixture
def committee(heping):
    """A committee member of 和平社区 with TOTP, so the role's rights apply."""
    user = RoleGrantFactory(
        role=Role.COMMITTEE, community=heping, user=default_language_person()
    ).user
    TOTP.activate(user, TOTP_SECRET)
    if hasattr(user, "_gz_has_totp"):
        del user._gz_has_totp
    return user
