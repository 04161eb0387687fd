"""Fixtures for governance tests: communities set up by the platform's services."""

from __future__ import annotations

import datetime
import io

import pytest
from django.utils import timezone
from PIL import Image

from communities.models import Membership
from governance.models import Body
from tests.factories import (
    MembershipFactory,
    UserFactory,
)
from tests.support import governance as shared
from tests.support.actors import give_totp

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)
# Shared with other apps' tests (tests/support/governance.py).
portal = shared.portal
street = shared.street
make_community = shared.make_community
community = shared.community
committee_member = shared.committee_member


@pytest.fixture
def admin_user(db):
    return give_totp(UserFactory(is_superuser=True, is_staff=True))


@pytest.fixture
def resident(community):
    return MembershipFactory(
        community=community,
        household__community=community,
        status=Membership.Status.VERIFIED,
    ).user


def body_of(community, kind, preset=""):
    return Body.objects.get(community=community, kind=kind, preset=preset)


@pytest.fixture
def bodies(community):
    return {
        "committee": body_of(community, Body.Kind.COMMITTEE),
        "party": body_of(community, Body.Kind.PARTY),
        "supervision": body_of(community, Body.Kind.SUPERVISION),
        "mediation": body_of(community, Body.Kind.SUBCOMMITTEE, "mediation"),
    }


def image_bytes(fmt="JPEG", size=(1600, 1200), exif=True) -> bytes:
    image = Image.new("RGB", size, (200, 30, 30))
    out = io.BytesIO()
    kwargs = {}
    if exif:
        data = Image.Exif()
        data[0x010F] = "SpyCam Inc."  # Make
        data[0x0131] = "secret-software"  # Software
        kwargs["exif"] = data.tobytes()
    image.save(out, format=fmt, **kwargs)
    return out.getvalue()
