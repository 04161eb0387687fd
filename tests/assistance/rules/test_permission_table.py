"""Every cell of the assistance community and region table in docs/permissions.md.

The rows are the actors of every permission table (tests/support/actors.py),
built against one community; the columns ask about that community, its street
and its district (`assistance/rules.py`).
"""

from __future__ import annotations

import pytest

from tests.factories import CommunityFactory
from tests.support.actors import ACTORS
from tests.support.permissions import differing, doc_table

# column -> (permission, which object)
COLUMNS = {
    "apply": ("assistance.apply", "community"),
    "list_cases (community)": ("assistance.list_cases", "community"),
    "list_cases (street)": ("assistance.list_cases", "street"),
    "list_cases (district)": ("assistance.list_cases", "district"),
    "file_for_resident": ("assistance.file_for_resident", "community"),
    "manage_standards": ("assistance.manage_standards", "district"),
    "spot_check": ("assistance.spot_check", "district"),
    "view_dashboard (community)": ("assistance.view_dashboard", "community"),
    "view_dashboard (street)": ("assistance.view_dashboard", "street"),
    "view_dashboard (district)": ("assistance.view_dashboard", "district"),
}

Y, N = True, False
NOTHING = (N,) * len(COLUMNS)
RESIDENT = (Y,) + (N,) * (len(COLUMNS) - 1)
SERVICE_POINT = (N, N, N, N, Y, N, N, N, N, N)
# apply, list (community, street, district), file, standards, spot check,
# dashboard (community, street, district)
TABLE: dict[str, tuple[bool, ...]] = {
    "visitor": NOTHING,
    "registered user": NOTHING,
    "pending applicant": NOTHING,
    "rejected applicant": NOTHING,
    "former resident (left)": NOTHING,
    "verified resident": RESIDENT,
    "household representative": RESIDENT,
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
    "street officer": NOTHING,
    "street officer of another street": NOTHING,
    "district officer without TOTP": NOTHING,
    "district officer": NOTHING,
    "district officer of another district": NOTHING,
    "assistance coordinator without TOTP": NOTHING,
    "assistance coordinator": (N, Y, N, N, Y, N, N, N, N, N),
    # 就近受理: any coordinator files for any household; the case goes home.
    "assistance coordinator of another community": SERVICE_POINT,
    "street assistance officer": (N, Y, Y, N, Y, N, N, Y, Y, N),
    "street assistance officer of another street": SERVICE_POINT,
    "district assistance supervisor": (N, Y, Y, Y, N, Y, Y, Y, Y, Y),
    "district assistance supervisor of another district": NOTHING,
    "platform admin without TOTP": NOTHING,
    "platform admin": NOTHING,
    "superuser without TOTP": NOTHING,
    # No blanket rights in social assistance (accounts.models.User.has_perm).
    "superuser": NOTHING,
}


@pytest.fixture
def table_community(db):
    return CommunityFactory()


def _object(community, which):
    return {
        "community": community,
        "street": community.street,
        "district": community.street.parent,
    }[which]


def test_each_role_gets_exactly_the_assistance_rights_the_table_gives(table_community):
    people = {who: ACTORS[who](table_community) for who in TABLE}

    def may(who: str, column: str) -> bool:
        perm, which = COLUMNS[column]
        return people[who].has_perm(perm, _object(table_community, which))

    wrong = differing(TABLE, tuple(COLUMNS), may)
    assert not wrong, "\n".join(wrong)


def test_the_assistance_table_covers_every_actor():
    assert set(TABLE) == set(ACTORS)


@pytest.mark.parametrize(
    "perm", ["assistance.manage_standards", "assistance.spot_check"]
)
def test_district_permissions_refuse_a_street_or_community_as_the_object(
    table_community, perm
):
    supervisor = ACTORS["district assistance supervisor"](table_community)
    assert not supervisor.has_perm(perm, table_community)
    assert not supervisor.has_perm(perm, table_community.street)


def test_docs_assistance_table_matches_the_tested_table():
    assert doc_table("assistance", tuple(COLUMNS)) == TABLE
