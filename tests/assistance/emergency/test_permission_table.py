"""Every cell of the emergency aid table in docs/permissions.md, in one test:
the actors of every permission table (tests/support/actors.py) and a member of
the aided household, asked about one community, its street and district, and
one advance aid of that community."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from assistance.emergency import services
from assistance.standards.models import Area, Standard
from communities.models import Membership, Role
from tests.factories import CommunityFactory, MembershipFactory
from tests.support.actors import ACTORS, grant_role
from tests.support.permissions import doc_table

pytestmark = pytest.mark.django_db

HOUSEHOLD = "member of the aided household"
# column -> (permission, which object)
COLUMNS = {
    "grant_advance_aid": ("grant_advance_aid", "community"),
    "list_advance_aid (community)": ("list_advance_aid", "community"),
    "list_advance_aid (street)": ("list_advance_aid", "street"),
    "list_advance_aid (district)": ("list_advance_aid", "district"),
    "view_advance_aid": ("view_advance_aid", "aid"),
    "view_emergency_periods": ("view_emergency_periods", "district"),
    "declare_emergency": ("declare_emergency", "district"),
}

Y, N = True, False
NOTHING = (N,) * len(COLUMNS)
# grant, list (community, street, district), view aid, periods, declare
TABLE: dict[str, tuple[bool, ...]] = {
    **dict.fromkeys(ACTORS, NOTHING),
    "assistance coordinator": (Y, Y, N, N, Y, N, N),
    "street assistance officer": (Y, Y, Y, N, Y, Y, N),
    "street assistance officer of another street": (N, N, N, N, N, Y, N),
    "district assistance supervisor": (N, Y, Y, Y, Y, Y, Y),
    HOUSEHOLD: (N, N, N, N, Y, N, N),
}


def _world():
    community = CommunityFactory()
    district = community.street.parent
    Standard.objects.create(
        district=district, area=Area.URBAN, monthly_amount=Decimal("1000"),
        effective_from=datetime.date(2026, 1, 1),
    )  # fmt: skip
    home = MembershipFactory(
        community=community, household__community=community,
        status=Membership.Status.VERIFIED,
    )  # fmt: skip
    aid = services.grant_advance_aid(
        actor=grant_role(Role.AID_COORDINATOR, community=community),
        community=community, household=home.household, beneficiary_name="王五",
        household_size=1, cause="fire", amount=Decimal("500"),
    )  # fmt: skip
    objects = {"community": community, "street": community.street,
               "district": district, "aid": aid}  # fmt: skip
    people = {who: build(community) for who, build in ACTORS.items()}
    people[HOUSEHOLD] = home.user
    return people, objects


def test_each_person_gets_exactly_the_emergency_rights_the_table_gives():
    people, objects = _world()
    wrong = [
        f"{who} | {column}: table says {expected}, code says {not expected}"
        for who, row in TABLE.items()
        for column, expected in zip(COLUMNS, row, strict=True)
        if people[who].has_perm(
            f"assistance.{COLUMNS[column][0]}", objects[COLUMNS[column][1]]
        )
        is not expected
    ]
    assert not wrong, "\n".join(wrong)


def test_docs_emergency_table_matches_the_tested_table():
    assert doc_table("assistance-emergency", tuple(COLUMNS)) == TABLE
