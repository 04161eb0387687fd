"""Every cell of the dashboard permission table in docs/permissions.md."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings

from communities.selectors import overseen_communities
from tests.factories import CommunityFactory
from tests.support.actors import ACTORS

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
    "platform admin without TOTP": NOTHING,
    "platform admin": (Y, Y, Y),
    "superuser without TOTP": NOTHING,
    "superuser": (Y, Y, Y),
}
CELLS = [
    pytest.param(who, column, expected, id=f"{who} | {column}")
    for who, row in TABLE.items()
    for column, expected in zip(COLUMNS, row, strict=True)
]


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


def _doc_table() -> dict[str, tuple[bool, ...]]:
    text = (Path(settings.BASE_DIR) / "docs" / "permissions.md").read_text()
    block = re.search(
        r"<!-- dashboard-table:start -->(.*?)<!-- dashboard-table:end -->",
        text,
        re.DOTALL,
    ).group(1)
    lines = [line for line in block.strip().splitlines() if line.startswith("|")]
    header = [cell.strip() for cell in lines[0].strip("|").split("|")]
    assert tuple(header[1:]) == COLUMNS
    table = {}
    for line in lines[2:]:
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        table[cells[0]] = tuple(cell == "✓" for cell in cells[1:])
    return table


def test_docs_dashboard_table_matches_the_tested_table():
    assert _doc_table() == TABLE
