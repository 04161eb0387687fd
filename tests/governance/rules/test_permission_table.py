"""Every cell of the governance permission table in docs/permissions.md."""

from __future__ import annotations

import pytest

from governance.models import Body
from tests.factories import CommunityFactory
from tests.support.actors import ACTORS
from tests.support.permissions import differing, doc_table

COLUMNS = ("manage_body", "change_term")
Y, N = True, False
TABLE: dict[str, tuple[bool, ...]] = {
    "visitor": (N, N),
    "registered user": (N, N),
    "pending applicant": (N, N),
    "rejected applicant": (N, N),
    "former resident (left)": (N, N),
    "verified resident": (N, N),
    "household representative": (N, N),
    "committee member without TOTP": (N, N),
    "committee member": (Y, Y),
    "committee member, grant expired": (N, N),
    "committee member, grant revoked": (N, N),
    "committee member, grant not started": (N, N),
    "committee member of another community": (N, N),
    "supervision member without TOTP": (N, N),
    "supervision member": (N, N),
    "coordinator": (N, N),
    "charity manager": (N, N),
    "street officer without TOTP": (N, N),
    "street officer": (N, Y),
    "street officer of another street": (N, N),
    "district officer without TOTP": (N, N),
    "district officer": (N, N),
    "district officer of another district": (N, N),
    "assistance coordinator without TOTP": (N, N),
    "assistance coordinator": (N, N),
    "assistance coordinator of another community": (N, N),
    "street assistance officer": (N, N),
    "street assistance officer of another street": (N, N),
    "district assistance supervisor": (N, N),
    "district assistance supervisor of another district": (N, N),
    "platform admin without TOTP": (N, N),
    "platform admin": (Y, Y),
    "superuser without TOTP": (N, N),
    "superuser": (Y, Y),
}


@pytest.mark.django_db
def test_each_role_gets_exactly_the_governance_rights_the_table_gives():
    community = CommunityFactory()
    people = {who: ACTORS[who](community) for who in TABLE}
    wrong = differing(
        TABLE,
        COLUMNS,
        lambda who, column: people[who].has_perm(f"governance.{column}", community),
    )
    assert not wrong, "\n".join(wrong)


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["committee member", "verified resident"])
def test_a_body_answers_for_its_community(who):
    community = CommunityFactory()
    body = Body.objects.create(community=community, kind=Body.Kind.SUPERVISION)
    user = ACTORS[who](community)
    assert user.has_perm("governance.change_term", body) is (who == "committee member")


def test_the_table_covers_every_actor():
    assert set(TABLE) == set(ACTORS)


def test_docs_governance_table_matches_the_tested_table():
    assert doc_table("governance", COLUMNS) == TABLE
