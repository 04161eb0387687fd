"""Every cell of the live meeting permission tables in docs/permissions.md."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from consultation.models import Participant
from tests.consultation.factories import ConsultationFactory, MeetingFactory
from tests.consultation.helpers import state_rows
from tests.factories import CommunityFactory, UserFactory
from tests.support.actors import ACTORS
from tests.support.permissions import differing, doc_table

COLUMNS = ("run_live_meeting", "view_projector", "view_live_meeting", "check_in_self")
Y, N = True, False
NOBODY = (N, N, N, N)
RESIDENT = (N, N, Y, Y)
COMMITTEE = (Y, Y, Y, N)
TABLE: dict[str, tuple[bool, ...]] = {
    "visitor": NOBODY,
    "registered user": NOBODY,
    "pending applicant": NOBODY,
    "rejected applicant": NOBODY,
    "former resident (left)": NOBODY,
    "verified resident": RESIDENT,
    "household representative": RESIDENT,
    "committee member without TOTP": NOBODY,
    "committee member": COMMITTEE,
    "committee member, grant expired": NOBODY,
    "committee member, grant revoked": NOBODY,
    "committee member, grant not started": NOBODY,
    "committee member of another community": NOBODY,
    "supervision member without TOTP": NOBODY,
    "supervision member": NOBODY,
    "coordinator": NOBODY,
    "charity manager": NOBODY,
    "street officer without TOTP": NOBODY,
    "street officer": NOBODY,
    "street officer of another street": NOBODY,
    "district officer without TOTP": NOBODY,
    "district officer": NOBODY,
    "district officer of another district": NOBODY,
    "assistance coordinator without TOTP": NOBODY,
    "assistance coordinator": NOBODY,
    "assistance coordinator of another community": NOBODY,
    "street assistance officer": NOBODY,
    "street assistance officer of another street": NOBODY,
    "district assistance supervisor": NOBODY,
    "district assistance supervisor of another district": NOBODY,
    "platform admin without TOTP": NOBODY,
    "platform admin": COMMITTEE,
    "superuser without TOTP": NOBODY,
    "superuser": (Y, Y, Y, Y),
}


def _meeting(community, state="in session"):
    now = timezone.now()
    starts = {
        "in session": now - datetime.timedelta(minutes=10),
        "more than two hours before the start": now + datetime.timedelta(hours=3),
        "more than two hours after the end": now - datetime.timedelta(hours=6),
    }.get(state, now - datetime.timedelta(minutes=10))
    return MeetingFactory(
        consultation=ConsultationFactory(community=community, state="notice_published"),
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        notice_published_at=None
        if state == "notice not published"
        else now - datetime.timedelta(days=5),
        cancelled_at=now if state == "cancelled" else None,
    )


@pytest.mark.django_db
def test_each_role_gets_exactly_the_live_rights_the_table_gives():
    community = CommunityFactory()
    people = {who: ACTORS[who](community) for who in TABLE}
    meeting = _meeting(community)
    wrong = differing(
        TABLE,
        COLUMNS,
        lambda who, column: people[who].has_perm(f"consultation.{column}", meeting),
    )
    assert not wrong, "\n".join(wrong)


def test_the_table_covers_every_actor():
    assert set(TABLE) == set(ACTORS)


@pytest.mark.django_db
def test_an_invited_participant_who_is_no_resident_sees_the_live_page_and_checks_in():
    community = CommunityFactory()
    meeting = _meeting(community)
    expert = UserFactory()
    Participant.objects.create(
        meeting=meeting, user=expert, kind="expert", how="invited"
    )
    assert expert.has_perm("consultation.view_live_meeting", meeting)
    assert expert.has_perm("consultation.check_in_self", meeting)
    assert not expert.has_perm("consultation.run_live_meeting", meeting)


# ---------------------------------------------------------------------------
# By the meeting's state
# ---------------------------------------------------------------------------
STATES = (
    "in session",
    "more than two hours before the start",
    "more than two hours after the end",
    "notice not published",
    "cancelled",
)
# (committee: run_live_meeting, resident: check_in_self, checked-in resident: raise_hand)
BY_STATE = {
    "in session": (Y, Y, Y),
    "more than two hours before the start": (Y, N, N),
    "more than two hours after the end": (Y, N, N),
    "notice not published": (Y, N, N),
    "cancelled": (N, N, N),
}


@pytest.mark.django_db
@pytest.mark.parametrize(("state", "expected"), BY_STATE.items())
def test_live_rights_by_the_meetings_state(state, expected):
    community = CommunityFactory()
    meeting = _meeting(community, state)
    committee = ACTORS["committee member"](community)
    resident = ACTORS["verified resident"](community)
    present = ACTORS["verified resident"](community)
    Participant.objects.create(
        meeting=meeting,
        user=present,
        kind="resident",
        how="invited",
        checked_in_at=timezone.now(),
    )
    assert (
        committee.has_perm("consultation.run_live_meeting", meeting),
        resident.has_perm("consultation.check_in_self", meeting),
        present.has_perm("consultation.raise_hand", meeting),
    ) == expected


@pytest.mark.django_db
def test_raising_a_hand_needs_a_check_in():
    community = CommunityFactory()
    meeting = _meeting(community)
    resident = ACTORS["verified resident"](community)
    assert not resident.has_perm("consultation.raise_hand", meeting)


# ---------------------------------------------------------------------------
# The docs and the tests agree
# ---------------------------------------------------------------------------
def test_docs_live_table_matches_the_tested_table():
    assert doc_table("consultation-live", COLUMNS) == TABLE


def test_docs_live_state_table_matches_the_tested_one():
    rows = state_rows("consultation-live-states")
    table = {row[0]: tuple(cell == "✓" for cell in row[1:]) for row in rows[2:]}
    assert table == BY_STATE
    assert tuple(BY_STATE) == STATES
