"""Who may grant which role where: every cell of the table in docs/permissions.md."""

from __future__ import annotations

import pytest

from communities.models import Role
from communities.services import can_grant, grantable_roles
from tests.factories import (
    CommunityFactory,
    RegionFactory,
    RoleGrantFactory,
    StreetFactory,
    UserFactory,
)
from tests.support.actors import give_totp
from tests.support.permissions import differing


@pytest.fixture
def world(db):
    """District D > street S > community C, plus neighbours to test the edges."""
    district = RegionFactory()
    street = StreetFactory(parent=district)
    other_street = StreetFactory(parent=district)
    other_district = RegionFactory(slug="far", name="远方区")
    far_street = StreetFactory(parent=other_district)
    return {
        "D": district,
        "S": street,
        "S2": other_street,
        "D2": other_district,
        "S3": far_street,
        "C": CommunityFactory(street=street),
        "C2": CommunityFactory(street=other_street),
        "C3": CommunityFactory(street=far_street),
        "platform": None,
    }


def _granter(name, world):
    def grant(role, **scope):
        scope = {"community": None, "region": None, **scope}
        user = RoleGrantFactory(role=role, **scope).user
        return give_totp(user) if role != Role.COORDINATOR else user

    return {
        "platform admin": lambda: grant(Role.PLATFORM_ADMIN),
        "district officer": lambda: grant(Role.DISTRICT_OFFICER, region=world["D"]),
        "street officer": lambda: grant(Role.STREET_OFFICER, region=world["S"]),
        "committee member": lambda: grant(Role.COMMITTEE, community=world["C"]),
        "supervision member": lambda: grant(Role.SUPERVISION, community=world["C"]),
        "coordinator": lambda: grant(Role.COORDINATOR, community=world["C"]),
        "registered user": UserFactory,
        "assistance coordinator": lambda: grant(
            Role.AID_COORDINATOR, community=world["C"]
        ),
        "street assistance officer": lambda: grant(Role.AID_OFFICER, region=world["S"]),
        "district assistance supervisor": lambda: grant(
            Role.AID_SUPERVISOR, region=world["D"]
        ),
    }[name]()


# (role, scope key) columns
TARGETS = [
    (Role.STREET_OFFICER, "S"),
    (Role.STREET_OFFICER, "S3"),
    (Role.DISTRICT_OFFICER, "D"),
    (Role.COMMITTEE, "C"),
    (Role.SUPERVISION, "C"),
    (Role.COMMITTEE, "C2"),
    (Role.COMMITTEE, "C3"),
    (Role.COORDINATOR, "C"),
    (Role.CHARITY_MANAGER, "C"),
    (Role.COORDINATOR, "C2"),
    (Role.PLATFORM_ADMIN, "platform"),
    (Role.COMMITTEE, "S"),  # a community role for a street: wrong scope
    (Role.STREET_OFFICER, "D"),  # a street officer for a district: wrong scope
    # Assistance roles
    (Role.AID_SUPERVISOR, "D"),
    (Role.AID_SUPERVISOR, "D2"),
    (Role.AID_OFFICER, "S"),
    (Role.AID_OFFICER, "S3"),
    (Role.AID_COORDINATOR, "C"),
    (Role.AID_COORDINATOR, "C2"),
    (Role.AID_COORDINATOR, "C3"),
    (Role.AID_OFFICER, "D"),  # a street role for a district: wrong scope
    (Role.AID_COORDINATOR, "S"),  # a community role for a street: wrong scope
]
Y, N = True, False
# Columns: the foundation's roles, then the assistance roles.
FOUNDATION_NONE = (N,) * 13
ASSIST_NONE = (N,) * 9
TABLE = {
    #                   S_off S3  D_off  com sup com2 com3 coo cha coo2 adm  bad bad
    #                   sup_D sup_D2 off_S off_S3 aid_C aid_C2 aid_C3 bad bad
    "platform admin": (Y, Y, Y, Y, Y, Y, Y, Y, Y, Y, Y, N, N)
    + (Y, Y, Y, Y, Y, Y, Y, N, N),
    "district officer": (Y, N, N, Y, Y, Y, N, N, N, N, N, N, N)
    + (Y, N, Y, N, Y, Y, N, N, N),
    "street officer": (N, N, N, Y, Y, N, N, N, N, N, N, N, N)
    + (N, N, N, N, Y, N, N, N, N),
    "committee member": (N, N, N, N, N, N, N, Y, Y, N, N, N, N) + ASSIST_NONE,
    "supervision member": FOUNDATION_NONE + ASSIST_NONE,
    "coordinator": FOUNDATION_NONE + ASSIST_NONE,
    "registered user": FOUNDATION_NONE + ASSIST_NONE,
    "assistance coordinator": FOUNDATION_NONE + ASSIST_NONE,
    "street assistance officer": FOUNDATION_NONE + (N, N, N, N, Y, N, N, N, N),
    "district assistance supervisor": FOUNDATION_NONE + (N, N, Y, N, Y, Y, N, N, N),
}

# Column names for the failure message, e.g. "grants street_officer @ S3".
COLUMNS = {f"grants {role} @ {scope}": (role, scope) for role, scope in TARGETS}


def test_can_grant_follows_the_table(world):
    granters = {granter: _granter(granter, world) for granter in TABLE}

    def may(granter: str, column: str) -> bool:
        role, scope = COLUMNS[column]
        return can_grant(granters[granter], role, world[scope])

    wrong = differing(TABLE, tuple(COLUMNS), may)
    assert not wrong, "\n".join(wrong)


def test_committee_member_without_totp_grants_nothing(world):
    user = RoleGrantFactory(role=Role.COMMITTEE, community=world["C"]).user
    assert grantable_roles(granter=user, scope=world["C"]) == []


def test_grantable_roles_lists_what_a_committee_member_may_grant(world):
    user = _granter("committee member", world)
    assert grantable_roles(granter=user, scope=world["C"]) == [
        Role.COORDINATOR,
        Role.CHARITY_MANAGER,
    ]


def test_grantable_roles_of_the_assistance_staff(world):
    officer = _granter("street assistance officer", world)
    supervisor = _granter("district assistance supervisor", world)
    district_officer = _granter("district officer", world)
    assert grantable_roles(granter=officer, scope=world["C"]) == [Role.AID_COORDINATOR]
    assert grantable_roles(granter=officer, scope=world["S"]) == []
    assert grantable_roles(granter=supervisor, scope=world["S"]) == [Role.AID_OFFICER]
    assert grantable_roles(granter=supervisor, scope=world["D"]) == []
    assert Role.AID_SUPERVISOR in grantable_roles(
        granter=district_officer, scope=world["D"]
    )


def test_assistance_granters_without_totp_grant_nothing(world):
    officer = RoleGrantFactory(
        role=Role.AID_OFFICER, region=world["S"], community=None
    ).user
    supervisor = RoleGrantFactory(
        role=Role.AID_SUPERVISOR, region=world["D"], community=None
    ).user
    assert grantable_roles(granter=officer, scope=world["C"]) == []
    assert grantable_roles(granter=supervisor, scope=world["S"]) == []
