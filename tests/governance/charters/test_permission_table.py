"""Role × state: every cell of the charter tables in docs/permissions.md.

The role table asks each actor for each permission with the version in the state
that permission needs; the state table asks a holder of the role for each
permission in every state. Both tables are read back from the docs.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings

from governance.charters.models import CharterState, CharterVersion
from governance.charters.rules import PERMISSION_STATES
from tests.factories import CommunityFactory
from tests.support.actors import ACTORS
from tests.support.permissions import differing, doc_table

COMMUNITY_COLUMNS = ("add_charter", "view_charter_work")
VERSION_COLUMNS = (
    "edit_charter",
    "comment_charter",
    "close_charter_opinions",
    "submit_charter",
    "review_charter",
    "record_charter_vote",
    "confirm_charter_filing",
    "publish_charter",
    "revise_charter",
)
COLUMNS = COMMUNITY_COLUMNS + VERSION_COLUMNS
Y, N = True, False
NONE = (N,) * len(COLUMNS)
MANAGER = (Y, Y, Y, N, Y, Y, N, Y, N, Y, Y)
RESIDENT = (N, N, N, Y, N, N, N, N, N, N, N)
WATCHER = (N, Y, N, N, N, N, N, N, N, N, N)
OFFICER = (N, Y, N, N, N, N, Y, N, Y, N, N)
ADMIN = (Y, Y, Y, N, Y, Y, Y, Y, Y, Y, Y)
# Django gives a superuser with TOTP every permission (the services still check
# the state and say why a step is refused).
SUPERUSER = (Y,) * len(COLUMNS)
TABLE: dict[str, tuple[bool, ...]] = {
    "visitor": NONE,
    "registered user": NONE,
    "pending applicant": NONE,
    "rejected applicant": NONE,
    "former resident (left)": NONE,
    "verified resident": RESIDENT,
    "household representative": RESIDENT,
    "committee member without TOTP": NONE,
    "committee member": MANAGER,
    "committee member, grant expired": NONE,
    "committee member, grant revoked": NONE,
    "committee member, grant not started": NONE,
    "committee member of another community": NONE,
    "supervision member without TOTP": NONE,
    "supervision member": WATCHER,
    "coordinator": NONE,
    "charity manager": NONE,
    "street officer without TOTP": NONE,
    "street officer": OFFICER,
    "street officer of another street": NONE,
    "district officer without TOTP": NONE,
    "district officer": WATCHER,
    "district officer of another district": NONE,
    "assistance coordinator without TOTP": NONE,
    "assistance coordinator": NONE,
    "assistance coordinator of another community": NONE,
    "street assistance officer": NONE,
    "street assistance officer of another street": NONE,
    "district assistance supervisor": NONE,
    "district assistance supervisor of another district": NONE,
    "platform admin without TOTP": NONE,
    "platform admin": ADMIN,
    "superuser without TOTP": NONE,
    "superuser": SUPERUSER,
}
# Who holds the role behind each lifecycle permission (for the state table).
HOLDER = {
    "comment_charter": "verified resident",
    "review_charter": "street officer",
    "confirm_charter_filing": "street officer",
}


def _version(community, state) -> CharterVersion:
    """The rules read only the version's community and state."""
    return CharterVersion(community=community, state=state, number=1)


@pytest.mark.django_db
def test_each_role_gets_exactly_the_charter_rights_the_table_gives():
    community = CommunityFactory()
    people = {who: ACTORS[who](community) for who in TABLE}

    def may(who: str, column: str) -> bool:
        if column in COMMUNITY_COLUMNS:
            obj = community
        else:
            obj = _version(community, PERMISSION_STATES[column][0])
        return people[who].has_perm(f"governance.{column}", obj)

    wrong = differing(TABLE, COLUMNS, may)
    assert not wrong, "\n".join(wrong)


@pytest.mark.django_db
def test_each_lifecycle_right_holds_only_in_its_states():
    community = CommunityFactory()
    holders = {
        who: ACTORS[who](community)
        for who in {
            HOLDER.get(column, "committee member") for column in VERSION_COLUMNS
        }
    }
    states = tuple(CharterState.values)
    # permission -> (allowed per state), from the state table below.
    table = {
        column: tuple(state in STATE_TABLE[column] for state in states)
        for column in VERSION_COLUMNS
    }

    def holds(column: str, state: str) -> bool:
        user = holders[HOLDER.get(column, "committee member")]
        return user.has_perm(f"governance.{column}", _version(community, state))

    wrong = differing(table, states, holds)
    assert not wrong, "\n".join(wrong)


STATE_TABLE = {
    "edit_charter": ("collecting", "draft"),
    "comment_charter": ("collecting",),
    "close_charter_opinions": ("collecting",),
    "submit_charter": ("draft",),
    "review_charter": ("submitted",),
    "record_charter_vote": ("review_passed",),
    "confirm_charter_filing": ("voted",),
    "publish_charter": ("filed",),
    "revise_charter": ("published",),
}


def test_the_state_table_is_the_rules_table():
    assert {k: tuple(v) for k, v in PERMISSION_STATES.items()} == STATE_TABLE


def test_the_table_covers_every_actor():
    assert set(TABLE) == set(ACTORS)


def _doc_block(marker: str) -> list[list[str]]:
    text = (Path(settings.BASE_DIR) / "docs" / "permissions.md").read_text()
    block = re.search(
        rf"<!-- {marker}:start -->(.*?)<!-- {marker}:end -->", text, re.DOTALL
    ).group(1)
    lines = [line for line in block.strip().splitlines() if line.startswith("|")]
    return [[cell.strip() for cell in line.strip("|").split("|")] for line in lines]


def test_docs_charter_table_matches_the_tested_table():
    assert doc_table("charter", COLUMNS) == TABLE


def test_docs_charter_state_table_matches_the_rules():
    rows = _doc_block("charter-state-table")
    table = {row[0]: tuple(s.strip() for s in row[1].split(",")) for row in rows[2:]}
    assert table == STATE_TABLE
