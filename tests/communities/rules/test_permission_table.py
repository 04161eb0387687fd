"""Every cell of the role × permission table in docs/permissions.md."""

from __future__ import annotations

import pytest

from communities import rules as community_rules
from tests.support.actors import ACTORS
from tests.support.permissions import differing, doc_table

PREDICATE_COLUMNS = ("is_verified_resident", "is_household_representative")
PERMISSION_COLUMNS = (
    "view_community",
    "join_community",
    "verify_membership",
    "view_membership_queue",
    "change_communitysettings",
    "grant_role",
    "view_audit_log",
)
COLUMNS = PERMISSION_COLUMNS + PREDICATE_COLUMNS

Y, N = True, False
# who: view, join, verify, queue, settings, grant, audit, resident, representative
TABLE: dict[str, tuple[bool, ...]] = {
    "visitor": (Y, N, N, N, N, N, N, N, N),
    "registered user": (Y, Y, N, N, N, N, N, N, N),
    "pending applicant": (Y, N, N, N, N, N, N, N, N),
    "rejected applicant": (Y, Y, N, N, N, N, N, N, N),
    "former resident (left)": (Y, Y, N, N, N, N, N, N, N),
    "verified resident": (Y, N, N, N, N, N, N, Y, N),
    "household representative": (Y, N, N, N, N, N, N, Y, Y),
    "committee member without TOTP": (Y, Y, N, N, N, N, N, N, N),
    "committee member": (Y, Y, Y, Y, Y, Y, Y, N, N),
    "committee member, grant expired": (Y, Y, N, N, N, N, N, N, N),
    "committee member, grant revoked": (Y, Y, N, N, N, N, N, N, N),
    "committee member, grant not started": (Y, Y, N, N, N, N, N, N, N),
    "committee member of another community": (Y, Y, N, N, N, N, N, N, N),
    "supervision member without TOTP": (Y, Y, N, N, N, N, N, N, N),
    "supervision member": (Y, Y, N, N, N, N, Y, N, N),
    "coordinator": (Y, Y, N, N, N, N, N, N, N),
    "charity manager": (Y, Y, N, N, N, N, N, N, N),
    "street officer without TOTP": (Y, Y, N, N, N, N, N, N, N),
    "street officer": (Y, Y, N, N, N, Y, Y, N, N),
    "street officer of another street": (Y, Y, N, N, N, N, N, N, N),
    "district officer without TOTP": (Y, Y, N, N, N, N, N, N, N),
    "district officer": (Y, Y, N, N, N, Y, Y, N, N),
    "district officer of another district": (Y, Y, N, N, N, N, N, N, N),
    "assistance coordinator without TOTP": (Y, Y, N, N, N, N, N, N, N),
    "assistance coordinator": (Y, Y, N, N, N, N, N, N, N),
    "assistance coordinator of another community": (Y, Y, N, N, N, N, N, N, N),
    "street assistance officer": (Y, Y, N, N, N, Y, N, N, N),
    "street assistance officer of another street": (Y, Y, N, N, N, N, N, N, N),
    "district assistance supervisor": (Y, Y, N, N, N, Y, N, N, N),
    "district assistance supervisor of another district": (Y, Y, N, N, N, N, N, N, N),
    "platform admin without TOTP": (Y, Y, N, N, N, N, N, N, N),
    "platform admin": (Y, Y, Y, Y, Y, Y, Y, N, N),
    "superuser without TOTP": (Y, Y, N, N, N, N, N, N, N),
    "superuser": (Y, Y, Y, Y, Y, Y, Y, N, N),
}


def _check(user, column: str, community) -> bool:
    if column in PREDICATE_COLUMNS:
        return getattr(community_rules, column).test(user, community)
    return user.has_perm(f"communities.{column}", community)


def test_each_role_gets_exactly_the_rights_the_table_gives(make_actor, table_community):
    people = {who: make_actor(who) for who in TABLE}
    wrong = differing(
        TABLE, COLUMNS, lambda who, column: _check(people[who], column, table_community)
    )
    assert not wrong, "\n".join(wrong)


def test_the_table_covers_every_actor_defined_for_it():
    assert set(TABLE) == set(ACTORS)


def test_docs_permissions_table_matches_the_tested_table():
    assert doc_table("permission", COLUMNS) == TABLE


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("committee member without TOTP", True),
        ("committee member", False),
        ("registered user", False),
        ("visitor", False),
        ("committee member, grant revoked", False),
    ],
)
def test_refusal_is_blamed_on_missing_totp_only_when_totp_would_allow(
    make_actor, table_community, who, expected
):
    user = make_actor(who)
    assert (
        community_rules.refused_for_missing_mfa(
            user, "communities.verify_membership", table_community
        )
        is expected
    )
    # Asking must not leave the person with pretend TOTP.
    assert not user.has_perm("communities.verify_membership", table_community) or (
        who == "committee member"
    )
