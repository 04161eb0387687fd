"""Every cell of the deliberation and follow-up table in docs/permissions.md."""

from __future__ import annotations

import pytest

from consultation.models import FollowUpItem, Minutes, Resolution
from tests.consultation.factories import ConsultationFactory, MeetingFactory
from tests.factories import CommunityFactory
from tests.support.actors import ACTORS
from tests.support.permissions import differing, doc_table

COLUMNS = (
    "comment",
    "moderate_comment",
    "manage_followup",
    "follow_item",
    "view_minutes",
)
Y, N = True, False
RESIDENT = (Y, N, N, Y, N)
STAFF = (Y, Y, Y, N, Y)
NONE = (N, N, N, N, N)
TABLE: dict[str, tuple[bool, ...]] = {
    "visitor": NONE,
    "registered user": NONE,
    "pending applicant": NONE,
    "rejected applicant": NONE,
    "former resident (left)": NONE,
    "verified resident": RESIDENT,
    "household representative": RESIDENT,
    "committee member without TOTP": NONE,
    "committee member": STAFF,
    "committee member, grant expired": NONE,
    "committee member, grant revoked": NONE,
    "committee member, grant not started": NONE,
    "committee member of another community": NONE,
    "supervision member without TOTP": NONE,
    "supervision member": NONE,
    "coordinator": NONE,
    "charity manager": NONE,
    "street officer without TOTP": NONE,
    "street officer": NONE,
    "street officer of another street": NONE,
    "district officer without TOTP": NONE,
    "district officer": NONE,
    "district officer of another district": NONE,
    "assistance coordinator without TOTP": NONE,
    "assistance coordinator": NONE,
    "assistance coordinator of another community": NONE,
    "street assistance officer": NONE,
    "street assistance officer of another street": NONE,
    "district assistance supervisor": NONE,
    "district assistance supervisor of another district": NONE,
    "platform admin without TOTP": NONE,
    "platform admin": STAFF,
    "superuser without TOTP": NONE,
    "superuser": (Y, Y, Y, Y, Y),  # a superuser with TOTP may do everything
}


def _objects(community):
    consultation = ConsultationFactory(community=community)
    meeting = MeetingFactory(consultation=consultation)
    minutes = Minutes.objects.create(meeting=meeting, decisions="同意")
    resolution = Resolution.objects.create(
        community=community,
        consultation=consultation,
        minutes=minutes,
        title="决议",
        text="同意",
    )
    item = FollowUpItem.objects.create(
        community=community,
        resolution=resolution,
        title="安装",
        owner_unit="物业",
        due_on=resolution.adopted_at.date(),
    )
    return {
        "comment": consultation,
        "moderate_comment": community,
        "manage_followup": community,
        "follow_item": item,
        # Minutes not yet adopted (a draft): adopted minutes are public.
        "view_minutes": Minutes.objects.create(
            meeting=MeetingFactory(consultation=consultation)
        ),
    }


@pytest.mark.django_db
def test_each_role_gets_exactly_the_rights_the_table_gives():
    community = CommunityFactory()
    people = {who: ACTORS[who](community) for who in TABLE}
    objects = _objects(community)
    wrong = differing(
        TABLE,
        COLUMNS,
        lambda who, column: people[who].has_perm(
            f"consultation.{column}", objects[column]
        ),
    )
    assert not wrong, "\n".join(wrong)


def test_the_table_covers_every_actor():
    assert set(TABLE) == set(ACTORS)


def test_docs_table_matches_the_tested_table():
    assert doc_table("consultation-followup", COLUMNS) == TABLE
