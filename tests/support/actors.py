"""Actors of the permission truth tables: one row of docs/permissions.md each.

Every actor is built against the same community, so a permission's allowed and
refused cells share their setup and differ only in who asks. Shared by every
app's permission-table tests.
"""

from __future__ import annotations

import datetime

from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from communities.models import Membership, Role
from tests.factories import (
    CommunityFactory,
    MembershipFactory,
    RegionFactory,
    RoleGrantFactory,
    StreetFactory,
    UserFactory,
)

TEST_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # noqa: S105


def give_totp(user):
    """Switch on TOTP two-factor authentication for a person."""
    TOTP.activate(user, TEST_TOTP_SECRET)
    if hasattr(user, "_gz_has_totp"):
        del user._gz_has_totp
    return user


TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


def member(community, status, representative=False):
    return MembershipFactory(
        community=community,
        household__community=community,
        status=status,
        is_representative=representative,
    ).user


def grant_role(role, *, community=None, region=None, totp=True, **dates):
    grant = RoleGrantFactory(role=role, community=community, region=region, **dates)
    if totp:
        give_totp(grant.user)
    return grant.user


def elsewhere():
    other_district = RegionFactory(slug="elsewhere", name="别处区")
    return CommunityFactory(street=StreetFactory(parent=other_district))


ACTORS = {
    "visitor": lambda c: AnonymousUser(),
    "registered user": lambda c: UserFactory(),
    "pending applicant": lambda c: member(c, Membership.Status.PENDING),
    "rejected applicant": lambda c: member(c, Membership.Status.REJECTED),
    "former resident (left)": lambda c: member(c, Membership.Status.LEFT),
    "verified resident": lambda c: member(c, Membership.Status.VERIFIED),
    "household representative": lambda c: member(
        c, Membership.Status.VERIFIED, representative=True
    ),
    "committee member without TOTP": lambda c: grant_role(
        Role.COMMITTEE, community=c, totp=False
    ),
    "committee member": lambda c: grant_role(Role.COMMITTEE, community=c),
    "committee member, grant expired": lambda c: grant_role(
        Role.COMMITTEE, community=c, starts_on=TODAY - 30 * DAY, ends_on=TODAY - DAY
    ),
    "committee member, grant revoked": lambda c: grant_role(
        Role.COMMITTEE, community=c, revoked_at=timezone.now()
    ),
    "committee member, grant not started": lambda c: grant_role(
        Role.COMMITTEE, community=c, starts_on=TODAY + DAY
    ),
    "committee member of another community": lambda c: grant_role(
        Role.COMMITTEE, community=CommunityFactory(street=c.street)
    ),
    "supervision member without TOTP": lambda c: grant_role(
        Role.SUPERVISION, community=c, totp=False
    ),
    "supervision member": lambda c: grant_role(Role.SUPERVISION, community=c),
    "coordinator": lambda c: grant_role(Role.COORDINATOR, community=c, totp=False),
    "charity manager": lambda c: grant_role(
        Role.CHARITY_MANAGER, community=c, totp=False
    ),
    "street officer without TOTP": lambda c: grant_role(
        Role.STREET_OFFICER, region=c.street, totp=False
    ),
    "street officer": lambda c: grant_role(Role.STREET_OFFICER, region=c.street),
    "street officer of another street": lambda c: grant_role(
        Role.STREET_OFFICER, region=StreetFactory(parent=c.street.parent)
    ),
    "district officer without TOTP": lambda c: grant_role(
        Role.DISTRICT_OFFICER, region=c.street.parent, totp=False
    ),
    "district officer": lambda c: grant_role(
        Role.DISTRICT_OFFICER, region=c.street.parent
    ),
    "district officer of another district": lambda c: grant_role(
        Role.DISTRICT_OFFICER, region=elsewhere().street.parent
    ),
    "assistance coordinator without TOTP": lambda c: grant_role(
        Role.AID_COORDINATOR, community=c, totp=False
    ),
    "assistance coordinator": lambda c: grant_role(Role.AID_COORDINATOR, community=c),
    "assistance coordinator of another community": lambda c: grant_role(
        Role.AID_COORDINATOR, community=CommunityFactory(street=c.street)
    ),
    "street assistance officer": lambda c: grant_role(
        Role.AID_OFFICER, region=c.street
    ),
    "street assistance officer of another street": lambda c: grant_role(
        Role.AID_OFFICER, region=StreetFactory(parent=c.street.parent)
    ),
    "district assistance supervisor": lambda c: grant_role(
        Role.AID_SUPERVISOR, region=c.street.parent
    ),
    "district assistance supervisor of another district": lambda c: grant_role(
        Role.AID_SUPERVISOR, region=elsewhere().street.parent
    ),
    "platform admin without TOTP": lambda c: grant_role(
        Role.PLATFORM_ADMIN, totp=False
    ),
    "platform admin": lambda c: grant_role(Role.PLATFORM_ADMIN),
    "superuser without TOTP": lambda c: UserFactory(is_superuser=True, is_staff=True),
    "superuser": lambda c: give_totp(UserFactory(is_superuser=True, is_staff=True)),
}
