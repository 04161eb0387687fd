"""Every cell of the dashboard permission table in docs/permissions.md."""

from __future__ import annotations

import pytest

from communities.selectors import overseen_communities
from tests.factories import CommunityFactory
from tests.support.actors import ACTORS
from tests.support.permissions import differing, doc_table

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


def _object(community, column):
    if column == "view_dashboard":
        return "communities.view_dashboard", community
    if column == "view_region (street)":
        return "communities.view_region", community.street
    return "communities.view_region", community.street.parent


@pytest.mark.django_db
def test_each_role_sees_exactly_the_dashboards_the_table_gives():
    community = CommunityFactory()
    people = {who: ACTORS[who](community) for who in TABLE}

    def may(who: str, column: str) -> bool:
        perm, obj = _object(community, column)
        return people[who].has_perm(perm, obj)

    wrong = differing(TABLE, COLUMNS, may)
    assert not wrong, "\n".join(wrong)


@pytest.mark.django_db
def test_the_oversight_lists_cover_the_same_communities_as_the_permission():
    community = CommunityFactory()
    people = {who: ACTORS[who](community) for who in TABLE}
    # The view_dashboard column, asked of the oversight list instead.
    listed_table = {who: row[:1] for who, row in TABLE.items()}

    def listed(who: str, _column: str) -> bool:
        overseen = overseen_communities(people[who]).values_list("pk", flat=True)
        return community.pk in set(overseen)

    wrong = differing(listed_table, ("listed by overseen_communities",), listed)
    assert not wrong, "\n".join(wrong)


def test_the_table_covers_every_actor():
    assert set(TABLE) == set(ACTORS)


def test_docs_dashboard_table_matches_the_tested_table():
    assert doc_table("dashboard", COLUMNS) == TABLE
