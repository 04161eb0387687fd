"""Every cell of the work-desk table in docs/permissions.md (`desk`): who may open
/desk/. One test for the table, naming each cell that differs."""

from __future__ import annotations

import pytest

import communities.rules  # noqa: F401  (registers communities.view_desk)
from tests.factories import CommunityFactory
from tests.support.actors import ACTORS
from tests.support.permissions import differing, doc_table

pytestmark = pytest.mark.django_db
Y, N = True, False

COLUMNS = ("view_desk",)
TABLE = {
    "visitor": (N,),
    "verified resident": (N,),
    "household representative": (N,),
    "committee member without TOTP": (N,),
    "committee member": (Y,),
    "committee member, grant expired": (N,),
    "committee member, grant revoked": (N,),
    "supervision member": (Y,),
    "coordinator": (Y,),
    "charity manager": (Y,),
    "street officer without TOTP": (N,),
    "street officer": (Y,),
    "district officer": (Y,),
    "assistance coordinator": (Y,),
    "street assistance officer": (Y,),
    "district assistance supervisor": (Y,),
    "platform admin": (N,),
    "superuser": (Y,),
}


def test_the_desk_table():
    community = CommunityFactory()
    assert doc_table("desk", COLUMNS) == TABLE
    people = {who: ACTORS[who](community) for who in TABLE}
    wrong = differing(
        TABLE,
        COLUMNS,
        lambda who, column: people[who].has_perm(f"communities.{column}"),
    )
    assert not wrong, "\n".join(wrong)
