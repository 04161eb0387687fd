"""Actors of the permission truth table: one row of docs/permissions.md each.

Every actor is built against the same community, so a permission's allowed and
refused cells share their setup and differ only in who asks.
"""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from communities.models import Membership, Role
from tests.communities.conftest import give_totp
from tests.factories import (
    CommunityFactory,
    MembershipFactory,
    RegionFactory,
    RoleGrantFactory,
    StreetFactory,
    UserFactory,
)

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


def _member(community, status, representative=False):
    return MembershipFactory(
        community=community,
        household__community=community,
        status=status,
        is_representative=representative,
    ).user


def _grant(role, *, community=None, region=None, totp=True, **dates):
    grant = RoleGrantFactory(role=role, community=community, region=region, **dates)
    if totp:
        give_totp(grant.user)
    return grant.user


def _elsewhere():
    other_district = RegionFactory(slug="elsewhere", name="别处区")
    return CommunityFactory(street=StreetFactory(parent=other_district))


ACTORS = {
    "visitor": lambda c: AnonymousUser(),
    "registered user": lambda c: UserFactory(),
    "pending applicant": lambda c: _member(c, Membership.Status.PENDING),
    "rejected applicant": lambda c: _member(c, Membership.Status.REJECTED),
    "former resident (left)": lambda c: _member(c, Membership.Status.LEFT),
    "verified resident": lambda c: _member(c, Membership.Status.VERIFIED),
    "household representative": lambda c: _member(
        c, Membership.Status.VERIFIED, representative=True
    ),
    "committee member without TOTP": lambda c: _grant(
        Role.COMMITTEE, community=c, totp=False
    ),
    "committee member": lambda c: _grant(Role.COMMITTEE, community=c),
    "committee member, grant expired": lambda c: _grant(
        Role.COMMITTEE, community=c, starts_on=TODAY - 30 * DAY, ends_on=TODAY - DAY
    ),
    "committee member, grant revoked": lambda c: _grant(
        Role.COMMITTEE, community=c, revoked_at=timezone.now()
    ),
    "committee member, grant not started": lambda c: _grant(
        Role.COMMITTEE, community=c, starts_on=TODAY + DAY
    ),
    "committee member of another community": lambda c: _grant(
        Role.COMMITTEE, community=CommunityFactory(street=c.street)
    ),
    "supervision member without TOTP": lambda c: _grant(
        Role.SUPERVISION, community=c, totp=False
    ),
    "supervision member": lambda c: _grant(Role.SUPERVISION, community=c),
    "coordinator": lambda c: _grant(Role.COORDINATOR, community=c, totp=False),
    "charity manager": lambda c: _grant(Role.CHARITY_MANAGER, community=c, totp=False),
    "street officer without TOTP": lambda c: _grant(
        Role.STREET_OFFICER, region=c.street, totp=False
    ),
    "street officer": lambda c: _grant(Role.STREET_OFFICER, region=c.street),
    "street officer of another street": lambda c: _grant(
        Role.STREET_OFFICER, region=StreetFactory(parent=c.street.parent)
    ),
    "district officer without TOTP": lambda c: _grant(
        Role.DISTRICT_OFFICER, region=c.street.parent, totp=False
    ),
    "district officer": lambda c: _grant(Role.DISTRICT_OFFICER, region=c.street.parent),
    "district officer of another district": lambda c: _grant(
        Role.DISTRICT_OFFICER, region=_elsewhere().street.parent
    ),
    "platform admin without TOTP": lambda c: _grant(Role.PLATFORM_ADMIN, totp=False),
    "platform admin": lambda c: _grant(Role.PLATFORM_ADMIN),
    "superuser without TOTP": lambda c: UserFactory(is_superuser=True, is_staff=True),
    "superuser": lambda c: give_totp(UserFactory(is_superuser=True, is_staff=True)),
}


@pytest.fixture
def table_community(db):
    return CommunityFactory()


@pytest.fixture
def make_actor(table_community):
    def make(name: str):
        return ACTORS[name](table_community)

    return make
