"""Every cell of the consultation permission tables in docs/permissions.md."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from consultation.models import Meeting, State, Suggestion
from consultation.votes import services as vote_services
from tests.consultation.factories import (
    AgendaItemFactory,
    ConsultationFactory,
    MeetingFactory,
    SuggestionFactory,
)
from tests.consultation.helpers import state_rows
from tests.factories import CommunityFactory, RoleGrantFactory
from tests.support.actors import ACTORS, give_totp
from tests.support.permissions import differing, doc_table

COLUMNS = (
    "view_consultation",
    "propose_topic",
    "manage_consultation",
    "decide_topic",
    "post_suggestion",
    "support_suggestion",
    "register_meeting",
    "vote",
)
Y, N = True, False
NOBODY = (Y, N, N, N, N, N, N, N)
RESIDENT = (Y, N, N, N, Y, Y, Y, Y)
COMMITTEE = (Y, Y, Y, Y, N, N, N, N)
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
    # Django's all-permissions shortcut; the services still refuse a superuser who
    # is not a resident or elector (tests/consultation/services).
    "superuser": (Y, Y, Y, Y, Y, Y, Y, Y),
}


def _committee(community):
    return give_totp(RoleGrantFactory(role="committee", community=community).user)


def _objects(community) -> dict[str, object]:
    """The object each column asks about, built after the people (the motion's
    electorate is taken when its vote opens)."""
    meeting = MeetingFactory(
        consultation=ConsultationFactory(community=community, state="accepted"),
        registration_open=True,
        notice_published_at=timezone.now(),
    )
    committee = _committee(community)
    motion = vote_services.create_motion(
        actor=committee,
        agenda_item=AgendaItemFactory(meeting=meeting),
        title="是否同意",
    )
    vote_services.open_vote(actor=committee, motion=motion)
    return {
        "view_consultation": community,
        "propose_topic": community,
        "manage_consultation": community,
        "decide_topic": ConsultationFactory(community=community),
        "post_suggestion": community,
        "support_suggestion": SuggestionFactory(community=community),
        "register_meeting": meeting,
        "vote": motion,
    }


@pytest.mark.django_db
def test_each_role_gets_exactly_the_consultation_rights_the_table_gives():
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


# ---------------------------------------------------------------------------
# State tables: the same person, the object in each state
# ---------------------------------------------------------------------------
DECIDE_BY_STATE = {state.value: state == State.PROPOSED for state in State}


@pytest.mark.django_db
def test_the_committee_decides_only_a_proposed_topic():
    community = CommunityFactory()
    committee = ACTORS["committee member"](community)
    wrong = differing(
        {"committee member": tuple(DECIDE_BY_STATE.values())},
        tuple(DECIDE_BY_STATE),
        lambda _who, state: committee.has_perm(
            "consultation.decide_topic",
            ConsultationFactory(community=community, state=state),
        ),
    )
    assert not wrong, "\n".join(wrong)


SUPPORT_BY_STATE = {
    "open, not yet supported": True,
    "open, already supported": False,
    "became a topic": False,
    "withdrawn": False,
}


@pytest.mark.django_db
@pytest.mark.parametrize(("state", "expected"), SUPPORT_BY_STATE.items())
def test_a_resident_supports_an_open_suggestion_once(state, expected):
    community = CommunityFactory()
    resident = ACTORS["verified resident"](community)
    status = {
        "became a topic": Suggestion.Status.PROMOTED,
        "withdrawn": Suggestion.Status.WITHDRAWN,
    }.get(state, Suggestion.Status.OPEN)
    suggestion = SuggestionFactory(community=community, status=status)
    if state == "open, already supported":
        suggestion.supports.create(user=resident)
    assert resident.has_perm("consultation.support_suggestion", suggestion) is expected


REGISTER_BY_STATE = {
    "notice published, registration open": True,
    "notice not yet published": False,
    "registration not open": False,
    "meeting started": False,
    "meeting cancelled": False,
}


@pytest.mark.django_db
@pytest.mark.parametrize(("state", "expected"), REGISTER_BY_STATE.items())
def test_a_resident_registers_only_while_registration_is_open(state, expected):
    community = CommunityFactory()
    resident = ACTORS["verified resident"](community)
    now = timezone.now()
    meeting = MeetingFactory(
        consultation=ConsultationFactory(community=community, state="accepted"),
        registration_open=state != "registration not open",
        notice_published_at=None if state == "notice not yet published" else now,
        cancelled_at=now if state == "meeting cancelled" else None,
    )
    if state == "meeting started":
        Meeting.objects.filter(pk=meeting.pk).update(
            starts_at=now - datetime.timedelta(minutes=1)
        )
        meeting.refresh_from_db()
    assert resident.has_perm("consultation.register_meeting", meeting) is expected


VOTE_BY_STATE = {
    "draft": False,
    "open, in the electorate": True,
    "open, joined after the snapshot": False,
    "closed": False,
}


@pytest.mark.django_db
@pytest.mark.parametrize(("state", "expected"), VOTE_BY_STATE.items())
def test_a_resident_votes_only_on_an_open_motion_whose_electorate_has_them(
    state, expected
):
    community = CommunityFactory()
    committee = _committee(community)
    meeting = MeetingFactory(consultation=ConsultationFactory(community=community))
    motion = vote_services.create_motion(
        actor=committee, agenda_item=AgendaItemFactory(meeting=meeting), title="是否"
    )
    resident = None
    if state != "open, joined after the snapshot":
        resident = ACTORS["verified resident"](community)
    if state != "draft":
        vote_services.open_vote(actor=committee, motion=motion)
    if resident is None:
        resident = ACTORS["verified resident"](community)
    if state == "closed":
        vote_services.close_vote(actor=committee, motion=motion)
    assert resident.has_perm("consultation.vote", motion) is expected


RESULTS_BY_STATE = {
    "draft": False,
    "open, shown": True,
    "open, hidden until closed": False,
    "closed, shown": True,
    "closed, hidden until closed": True,
}


@pytest.mark.django_db
@pytest.mark.parametrize(("state", "expected"), RESULTS_BY_STATE.items())
def test_results_are_visible_to_everyone_or_to_nobody(state, expected):
    community = CommunityFactory()
    committee = _committee(community)
    meeting = MeetingFactory(consultation=ConsultationFactory(community=community))
    motion = vote_services.create_motion(
        actor=committee,
        agenda_item=AgendaItemFactory(meeting=meeting),
        title="是否",
        hide_results="hidden" in state,
    )
    if state != "draft":
        vote_services.open_vote(actor=committee, motion=motion)
    if state.startswith("closed"):
        vote_services.close_vote(actor=committee, motion=motion)
    for who in ("visitor", "verified resident", "committee member"):
        user = ACTORS[who](community)
        assert user.has_perm("consultation.view_results", motion) is expected


# ---------------------------------------------------------------------------
# The docs and the tests agree
# ---------------------------------------------------------------------------
def test_docs_consultation_table_matches_the_tested_table():
    assert doc_table("consultation", COLUMNS) == TABLE


@pytest.mark.parametrize(
    ("name", "tested"),
    [
        ("consultation-decide-states", DECIDE_BY_STATE),
        ("consultation-support-states", SUPPORT_BY_STATE),
        ("consultation-register-states", REGISTER_BY_STATE),
        ("consultation-vote-states", VOTE_BY_STATE),
        ("consultation-results-states", RESULTS_BY_STATE),
    ],
)
def test_docs_state_tables_match_the_tested_ones(name, tested):
    rows = state_rows(name)
    table = {row[0].strip("`"): row[1] == "✓" for row in rows[2:]}
    assert table == tested


def test_state_labels_are_the_model_states():
    assert set(DECIDE_BY_STATE) == set(State.values)
