"""Every cell of the dashboard permission table in docs/permissions.md."""

from __future__ import annotations

import pytest

from communities.selectors import overseen_communities
from tests.factories import CommunityFactory
from tests.support.actors import ACTORS
from tests.support.permissions import cells, doc_table

COLUMNS = ("view_dashboard", "view_region (street)", "view_region (district)")
Y, N = True, False
NOTHING = (N, N, N)
TABLE: dict[str, tuple[bool, ...]] = {
    "visitor": NOTHING,
    "registered user": NOTHING,
    "pending applicant": NOTHING,
    "rejected applicant": NOTHING,
    "former resident (left)": NOTHING,
    "verified resident": NOTHING,
    "household representative": NOTHING,
    "committee member without TOTP": NOTHING,
    "committee member": (Y, N, N),
    "committee member, grant expired": NOTHING,
    "committee member, grant revoked": NOTHING,
    "committee member, grant not started": NOTHING,
    "committee member of another community": NOTHING,
    "supervision member without TOTP": NOTHING,
    "supervision member": (Y, N, N),
    "coordinator": NOTHING,
    "charity manager": NOTHING,
    "street officer without TOTP": NOTHING,
    "street officer": (Y, Y, N),
    "street officer of another street": NOTHING,
    "district officer without TOTP": NOTHING,
    "district officer": (Y, Y, Y),
    "district officer of another district": NOTHING,
    "assistance coordinator without TOTP": NOTHING,
    "assistance coordinator": NOTHING,
    "assistance coordinator of another community": NOTHING,
    "street assistance officer": NOTHING,
    "street assistance officer of another street": NOTHING,
    "district assistance supervisor": NOTHING,
    "district assistance supervisor of another district": NOTHING,
    "platform admin without TOTP": NOTHING,
    "platform admin": (Y, Y, Y),
    "superuser without TOTP": NOTHING,
    "superuser": (Y, Y, Y),
}
CELLS = cells(TABLE, COLUMNS)


def _object(community, column):
    if column == "view_dashboard":
        return "communities.view_dashboard", community
    if column == "view_region (street)":
        return "communities.view_region", community.street
    return "communities.view_region", community.street.parent


@pytest.mark.django_db
@pytest.mark.parametrize(("who", "column", "expected"), CELLS)
def test_each_role_sees_exactly_the_dashboards_the_table_gives(who, column, expected):
    community = CommunityFactory()
    user = ACTORS[who](community)
    perm, obj = _object(community, column)
    assert user.has_perm(perm, obj) is expected


@pytest.mark.django_db
@pytest.mark.parametrize("who", list(TABLE))
def test_the_oversight_lists_cover_the_same_communities_as_the_permission(who):
    community = CommunityFactory()
    user = ACTORS[who](community)
    listed = set(overseen_communities(user).values_list("pk", flat=True))
    assert (community.pk in listed) is TABLE[who][0]


def test_the_table_covers_every_actor():
    assert set(TABLE) == set(ACTORS)


def test_docs_dashboard_table_matches_the_tested_table():
    assert doc_table("dashboard", COLUMNS) == TABLE
