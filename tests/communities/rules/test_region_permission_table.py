"""Every cell of the region × permission table in docs/permissions.md.

The actors are the rows of the community table, built against the same community;
here they are asked about its street, its district, and the platform.
"""

from __future__ import annotations

import pytest

from tests.support.actors import ACTORS
from tests.support.permissions import differing, doc_table

# column -> (permission, which object)
COLUMNS = {
    "view_region (street)": ("communities.view_region", "street"),
    "view_region (district)": ("communities.view_region", "district"),
    "grant_region_role (street)": ("communities.grant_region_role", "street"),
    "grant_region_role (district)": ("communities.grant_region_role", "district"),
    "grant_platform_role": ("communities.grant_platform_role", "platform"),
}

Y, N = True, False
NOTHING = (N, N, N, N, N)
# who: view street, view district, grant on street, grant on district, platform
TABLE: dict[str, tuple[bool, ...]] = {
    "visitor": NOTHING,
    "registered user": NOTHING,
    "pending applicant": NOTHING,
    "rejected applicant": NOTHING,
    "former resident (left)": NOTHING,
    "verified resident": NOTHING,
    "household representative": NOTHING,
    "committee member without TOTP": NOTHING,
    "committee member": NOTHING,
    "committee member, grant expired": NOTHING,
    "committee member, grant revoked": NOTHING,
    "committee member, grant not started": NOTHING,
    "committee member of another community": NOTHING,
    "supervision member without TOTP": NOTHING,
    "supervision member": NOTHING,
    "coordinator": NOTHING,
    "charity manager": NOTHING,
    "street officer without TOTP": NOTHING,
    "street officer": (Y, N, N, N, N),
    "street officer of another street": NOTHING,
    "district officer without TOTP": NOTHING,
    "district officer": (Y, Y, Y, Y, N),
    "district officer of another district": NOTHING,
    "assistance coordinator without TOTP": NOTHING,
    "assistance coordinator": NOTHING,
    "assistance coordinator of another community": NOTHING,
    "street assistance officer": NOTHING,
    "street assistance officer of another street": NOTHING,
    "district assistance supervisor": (N, N, Y, N, N),
    "district assistance supervisor of another district": NOTHING,
    "platform admin without TOTP": NOTHING,
    "platform admin": (Y, Y, Y, Y, Y),
    "superuser without TOTP": NOTHING,
    "superuser": (Y, Y, Y, Y, Y),
}


def _object(community, which: str):
    return {
        "street": community.street,
        "district": community.street.parent,
        "platform": None,
    }[which]


def test_each_role_gets_exactly_the_region_rights_the_table_gives(
    make_actor, table_community
):
    people = {who: make_actor(who) for who in TABLE}

    def may(who: str, column: str) -> bool:
        perm, which = COLUMNS[column]
        return people[who].has_perm(perm, _object(table_community, which))

    wrong = differing(TABLE, tuple(COLUMNS), may)
    assert not wrong, "\n".join(wrong)


def test_the_region_table_covers_every_actor_defined_for_it():
    assert set(TABLE) == set(ACTORS)


@pytest.mark.parametrize(
    "perm", ["communities.view_region", "communities.grant_region_role"]
)
@pytest.mark.parametrize("who", ["district officer", "platform admin"])
def test_region_permissions_refuse_a_community_or_nothing_as_the_object(
    make_actor, table_community, perm, who
):
    user = make_actor(who)
    assert not user.has_perm(perm, table_community)
    assert not user.has_perm(perm, None)


def test_docs_region_table_matches_the_tested_table():
    assert doc_table("region", tuple(COLUMNS)) == TABLE


@pytest.mark.parametrize(
    ("who", "perm", "which", "expected"),
    [
        ("district officer without TOTP", "communities.view_region", "district", True),
        (
            "district officer without TOTP",
            "communities.grant_region_role",
            "street",
            True,
        ),
        ("street officer without TOTP", "communities.view_region", "street", True),
        ("platform admin without TOTP", "communities.grant_platform_role", None, True),
        ("superuser without TOTP", "communities.grant_platform_role", None, True),
        ("registered user", "communities.view_region", "street", False),
        ("street officer without TOTP", "communities.view_region", "district", False),
    ],
)
def test_region_refusals_are_blamed_on_missing_totp_only_when_totp_would_allow(
    make_actor, table_community, who, perm, which, expected
):
    from communities.rules import refused_for_missing_mfa

    user = make_actor(who)
    obj = _object(table_community, which) if which else None
    assert refused_for_missing_mfa(user, perm, obj) is expected
