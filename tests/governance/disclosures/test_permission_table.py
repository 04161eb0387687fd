"""Every cell of the affairs disclosure permission table in docs/permissions.md."""

from __future__ import annotations

import datetime

import pytest
import rules
from django.utils import timezone

from governance.models import Body, Term
from tests.factories import CommunityFactory
from tests.support.actors import ACTORS
from tests.support.permissions import differing, doc_table

COLUMNS = (
    "review_disclosure",
    "manage_catalogue",
    "view_disclosure_oversight",
    "file_objection",
    "answer_objection",
    "view_escalated_objections",
)
Y, N = True, False
TABLE: dict[str, tuple[bool, ...]] = {
    "visitor": (N, N, N, N, N, N),
    "registered user": (N, N, N, N, N, N),
    "pending applicant": (N, N, N, N, N, N),
    "rejected applicant": (N, N, N, N, N, N),
    "former resident (left)": (N, N, N, N, N, N),
    "verified resident": (N, N, N, Y, N, N),
    "household representative": (N, N, N, Y, N, N),
    "committee member without TOTP": (N, N, N, N, N, N),
    "committee member": (N, Y, Y, N, Y, N),
    "committee member, grant expired": (N, N, N, N, N, N),
    "committee member, grant revoked": (N, N, N, N, N, N),
    "committee member, grant not started": (N, N, N, N, N, N),
    "committee member of another community": (N, N, N, N, N, N),
    "supervision member without TOTP": (N, N, N, N, N, N),
    "supervision member": (Y, N, Y, N, N, N),
    "coordinator": (N, N, N, N, N, N),
    "charity manager": (N, N, N, N, N, N),
    "street officer without TOTP": (N, N, N, N, N, N),
    "street officer": (N, N, Y, N, N, Y),
    "street officer of another street": (N, N, N, N, N, N),
    "district officer without TOTP": (N, N, N, N, N, N),
    "district officer": (N, N, Y, N, N, Y),
    "district officer of another district": (N, N, N, N, N, N),
    "assistance coordinator without TOTP": (N, N, N, N, N, N),
    "assistance coordinator": (N, N, N, N, N, N),
    "assistance coordinator of another community": (N, N, N, N, N, N),
    "street assistance officer": (N, N, N, N, N, N),
    "street assistance officer of another street": (N, N, N, N, N, N),
    "district assistance supervisor": (N, N, N, N, N, N),
    "district assistance supervisor of another district": (N, N, N, N, N, N),
    "platform admin without TOTP": (N, N, N, N, N, N),
    "platform admin": (N, Y, Y, N, N, Y),
    "superuser without TOTP": (N, N, N, N, N, N),
    "superuser": (N, Y, Y, N, N, Y),
}


@pytest.mark.django_db
def test_each_role_gets_exactly_the_disclosure_rights_the_table_gives():
    community = CommunityFactory()
    people = {who: ACTORS[who](community) for who in TABLE}
    # The predicates themselves: these rights follow roles only, so the superuser
    # shortcut of User.has_perm is not used for them (see docs/permissions.md).
    wrong = differing(
        TABLE,
        COLUMNS,
        lambda who, column: rules.has_perm(
            f"governance.{column}", people[who], community
        ),
    )
    assert not wrong, "\n".join(wrong)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kind", "ended", "expected"),
    [
        (Body.Kind.COMMITTEE, False, False),
        (Body.Kind.PARTY, False, False),
        (Body.Kind.COMMITTEE, True, True),
        (Body.Kind.SUBCOMMITTEE, False, True),
    ],
)
def test_a_supervisor_on_the_two_committees_may_not_review(kind, ended, expected):
    community = CommunityFactory()
    user = ACTORS["supervision member"](community)
    body = Body.objects.create(
        community=community,
        kind=kind,
        name="x" if kind == Body.Kind.SUBCOMMITTEE else "",
    )
    today = timezone.localdate()
    Term.objects.create(
        body=body,
        person=user,
        position="member",
        starts_on=today - datetime.timedelta(days=400),
        ends_on=today - datetime.timedelta(days=1) if ended else None,
    )
    assert user.has_perm("governance.review_disclosure", community) is expected


@pytest.mark.django_db
def test_a_supervisor_of_another_community_may_not_review():
    community, other = CommunityFactory(), CommunityFactory()
    user = ACTORS["supervision member"](other)
    assert user.has_perm("governance.review_disclosure", other)
    assert not user.has_perm("governance.review_disclosure", community)


def test_the_table_covers_every_actor():
    assert set(TABLE) == set(ACTORS)


def test_docs_disclosure_table_matches_the_tested_table():
    assert doc_table("disclosure", COLUMNS) == TABLE
