"""Live meeting services: item on the screens, check-in by code, hands, in-room votes."""

from __future__ import annotations

import datetime
import time

import pytest
from django.core.exceptions import ValidationError

from consultation.live import broadcast as live_broadcast
from consultation.live import selectors as live_selectors
from consultation.live import services as live_services
from consultation.live import tokens as live_tokens
from consultation.models import Ballot, Participant, SpeakingRequest
from consultation.votes import services as vote_services
from consultation.votes.selectors import tally
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_committee_puts_an_agenda_item_on_the_screens(live_meeting, committee):
    meeting, first, _second, _motion = live_meeting
    live_services.set_current_item(actor=committee, meeting=meeting, item=first)
    meeting.refresh_from_db()
    assert meeting.current_item == first
    assert live_selectors.snapshot(meeting.pk)["item"]["title"] == "增设充电桩"


def test_a_resident_cannot_change_the_agenda_item(live_meeting, residents):
    meeting, first, _second, _motion = live_meeting
    with pytest.raises(ValidationError):
        live_services.set_current_item(actor=residents[0], meeting=meeting, item=first)
    meeting.refresh_from_db()
    assert meeting.current_item is None


def test_an_item_of_another_meeting_is_refused(live_meeting, committee):
    from tests.consultation.factories import AgendaItemFactory

    meeting, *_ = live_meeting
    elsewhere = AgendaItemFactory(meeting__consultation__community=meeting.community)
    with pytest.raises(ValidationError):
        live_services.set_current_item(actor=committee, meeting=meeting, item=elsewhere)


# --- Check-in by the projector's code ----------------------------------------------
def test_the_code_checks_in_the_invited_participant(live_meeting, residents):
    meeting, *_ = live_meeting
    token = live_tokens.checkin_token(meeting)
    participant = live_services.self_check_in(
        user=residents[0], meeting=meeting, token=token
    )
    assert participant.checked_in_at is not None
    assert live_selectors.snapshot(meeting.pk)["attendance"]["present"] == 1


def test_a_verified_resident_not_invited_joins_and_checks_in(live_meeting, residents):
    meeting, *_ = live_meeting
    walk_in = residents[7]
    live_services.self_check_in(
        user=walk_in, meeting=meeting, token=live_tokens.checkin_token(meeting)
    )
    joined = Participant.objects.get(meeting=meeting, user=walk_in)
    assert joined.kind == Participant.Kind.RESIDENT
    assert joined.checked_in_at is not None


def test_someone_who_is_not_a_resident_cannot_check_in(live_meeting):
    meeting, *_ = live_meeting
    stranger = UserFactory()
    with pytest.raises(ValidationError):
        live_services.self_check_in(
            user=stranger, meeting=meeting, token=live_tokens.checkin_token(meeting)
        )
    assert not Participant.objects.filter(meeting=meeting, user=stranger).exists()


def test_checking_in_twice_is_refused(live_meeting, residents):
    meeting, *_ = live_meeting
    token = live_tokens.checkin_token(meeting)
    live_services.self_check_in(user=residents[0], meeting=meeting, token=token)
    with pytest.raises(ValidationError, match="already"):
        live_services.self_check_in(user=residents[0], meeting=meeting, token=token)


def test_the_code_changes_every_minute_and_expires_after_two(
    live_meeting, residents, time_machine
):
    meeting, *_ = live_meeting
    time_machine.move_to(datetime.datetime.now(datetime.UTC), tick=False)
    now = time.time()
    token = live_tokens.checkin_token(meeting, now)
    assert live_tokens.checkin_token(meeting, now + live_tokens.TOKEN_STEP) != token
    time_machine.shift(live_tokens.TOKEN_MAX_AGE - 5)
    assert live_tokens.checkin_token_valid(meeting, token)
    time_machine.shift(10)
    assert not live_tokens.checkin_token_valid(meeting, token)
    with pytest.raises(ValidationError, match="expired"):
        live_services.self_check_in(user=residents[0], meeting=meeting, token=token)


def test_a_code_of_another_meeting_or_a_forged_one_is_refused(
    live_meeting, residents, committee
):
    meeting, *_ = live_meeting
    from tests.consultation.factories import MeetingFactory

    other = MeetingFactory(consultation__community=meeting.community)
    assert not live_tokens.checkin_token_valid(
        meeting, live_tokens.checkin_token(other)
    )
    assert not live_tokens.checkin_token_valid(meeting, "forged:token")


def test_check_in_is_closed_outside_the_session(live_meeting, residents, time_machine):
    meeting, *_ = live_meeting
    time_machine.move_to(meeting.ends_at + datetime.timedelta(hours=3), tick=False)
    with pytest.raises(ValidationError, match="in session"):
        live_services.self_check_in(
            user=residents[0], meeting=meeting, token=live_tokens.checkin_token(meeting)
        )


def test_the_quorum_counter_counts_present_voting_participants(
    live_meeting, committee, residents
):
    meeting, *_ = live_meeting
    Participant.objects.create(
        meeting=meeting, name="李教授", kind="expert", how="invited"
    )
    state = live_selectors.snapshot(meeting.pk)["attendance"]
    # 4 voting participants (the expert is advisory): more than half is 3.
    assert (state["expected"], state["quorum_needed"], state["quorum_met"]) == (
        4,
        3,
        False,
    )
    for person in residents[:3]:
        live_services.check_in_by_name(
            actor=committee,
            participant=Participant.objects.get(meeting=meeting, user=person),
        )
    state = live_selectors.snapshot(meeting.pk)["attendance"]
    assert (state["present"], state["quorum_met"]) == (3, True)


# --- The speaking queue ----------------------------------------------------------
def _check_in(meeting, person):
    live_services.self_check_in(
        user=person, meeting=meeting, token=live_tokens.checkin_token(meeting)
    )


def test_only_a_checked_in_participant_raises_a_hand(live_meeting, residents):
    meeting, *_ = live_meeting
    with pytest.raises(ValidationError):
        live_services.raise_hand(user=residents[0], meeting=meeting)
    _check_in(meeting, residents[0])
    live_services.raise_hand(user=residents[0], meeting=meeting)
    with pytest.raises(ValidationError, match="already raised"):
        live_services.raise_hand(user=residents[0], meeting=meeting)
    assert SpeakingRequest.objects.filter(meeting=meeting).count() == 1


def test_the_committee_calls_speakers_in_the_order_hands_went_up(
    live_meeting, residents, committee, time_machine
):
    meeting, *_ = live_meeting
    time_machine.move_to(datetime.datetime.now(datetime.UTC), tick=False)
    for person in residents[:3]:
        _check_in(meeting, person)
    for person in (residents[2], residents[0], residents[1]):
        live_services.raise_hand(user=person, meeting=meeting)
        time_machine.shift(1)
    first = live_services.call_next(actor=committee, meeting=meeting)
    assert first.user == residents[2]
    queue = live_selectors.snapshot(meeting.pk)["queue"]
    assert [q["speaking"] for q in queue] == [True, False, False]
    second = live_services.call_next(actor=committee, meeting=meeting)
    assert second.user == residents[0]
    first.refresh_from_db()
    assert first.done_at is not None
    assert live_selectors.personal(meeting.pk, residents[0])["hand"] == "speaking"
    assert live_services.clear_queue(actor=committee, meeting=meeting) == 2
    assert live_selectors.snapshot(meeting.pk)["queue"] == []


def test_a_resident_cannot_call_the_next_speaker(live_meeting, residents):
    meeting, *_ = live_meeting
    with pytest.raises(ValidationError):
        live_services.call_next(actor=residents[0], meeting=meeting)
    with pytest.raises(ValidationError):
        live_services.clear_queue(actor=residents[0], meeting=meeting)


# --- Votes in the room -------------------------------------------------------------
def _yes(motion):
    return motion.options.get(code="for").pk


def test_a_checked_in_elector_votes_from_the_phone_once(
    live_meeting, residents, committee
):
    meeting, _first, _second, motion = live_meeting
    _check_in(meeting, residents[0])
    live_services.open_vote(actor=committee, meeting=meeting, motion=motion)
    assert live_selectors.personal(meeting.pk, residents[0])["may_vote"] is True
    live_services.cast_in_room(
        user=residents[0], meeting=meeting, motion=motion, option_ids=[_yes(motion)]
    )
    assert tally(motion)["turnout"] == 1
    me = live_selectors.personal(meeting.pk, residents[0])
    assert (me["voted"], me["may_vote"]) == (True, False)
    with pytest.raises(ValidationError, match="already"):
        live_services.cast_in_room(
            user=residents[0],
            meeting=meeting,
            motion=motion,
            option_ids=[_yes(motion)],
        )
    assert Ballot.objects.filter(motion=motion).count() == 1


def test_nobody_counts_twice_a_phone_ballot_in_the_room_leaves_no_paper_place(
    live_meeting, residents, committee
):
    meeting, _first, _second, motion = live_meeting
    _check_in(meeting, residents[0])
    _check_in(meeting, residents[1])
    live_services.open_vote(actor=committee, meeting=meeting, motion=motion)
    live_services.cast_in_room(
        user=residents[0], meeting=meeting, motion=motion, option_ids=[_yes(motion)]
    )
    # Two present, one voted by phone: at most one paper ballot.
    with pytest.raises(ValidationError, match="Only 1"):
        vote_services.enter_paper_tally(
            actor=committee, motion=motion, ballots=2, counts={_yes(motion): 2}
        )
    # And a checked-in person still cannot vote online on the motion page.
    with pytest.raises(ValidationError, match="paper"):
        vote_services.cast_ballot(
            user=residents[1], motion=motion, option_ids=[_yes(motion)]
        )


def test_someone_not_checked_in_cannot_vote_in_the_room(
    live_meeting, residents, committee
):
    meeting, _first, _second, motion = live_meeting
    live_services.open_vote(actor=committee, meeting=meeting, motion=motion)
    with pytest.raises(ValidationError, match="Check in"):
        live_services.cast_in_room(
            user=residents[0],
            meeting=meeting,
            motion=motion,
            option_ids=[_yes(motion)],
        )


def test_a_bad_choice_is_refused_and_nothing_is_saved(
    live_meeting, residents, committee
):
    meeting, _first, _second, motion = live_meeting
    _check_in(meeting, residents[0])
    live_services.open_vote(actor=committee, meeting=meeting, motion=motion)
    for choice in ([], [999999]):
        with pytest.raises(ValidationError, match="Choose"):
            live_services.cast_in_room(
                user=residents[0], meeting=meeting, motion=motion, option_ids=choice
            )
    assert not Ballot.objects.filter(motion=motion).exists()


def test_a_draft_or_closed_vote_takes_no_ballot(live_meeting, residents, committee):
    meeting, _first, _second, motion = live_meeting
    _check_in(meeting, residents[0])
    with pytest.raises(ValidationError):
        live_services.cast_in_room(
            user=residents[0],
            meeting=meeting,
            motion=motion,
            option_ids=[_yes(motion)],
        )
    live_services.open_vote(actor=committee, meeting=meeting, motion=motion)
    live_services.close_vote(actor=committee, meeting=meeting, motion=motion)
    with pytest.raises(ValidationError, match="not open"):
        live_services.cast_in_room(
            user=residents[0],
            meeting=meeting,
            motion=motion,
            option_ids=[_yes(motion)],
        )


def test_hidden_results_show_turnout_but_no_counts_until_closed(
    community, committee, residents
):
    from tests.consultation.live.conftest import make_live_meeting

    meeting, _first, _second, motion = make_live_meeting(
        community, committee, residents[:2], hide_results=True
    )
    _check_in(meeting, residents[0])
    live_services.open_vote(actor=committee, meeting=meeting, motion=motion)
    live_services.cast_in_room(
        user=residents[0], meeting=meeting, motion=motion, option_ids=[_yes(motion)]
    )
    shown = live_selectors.snapshot(meeting.pk)["motion"]
    assert shown["hidden"] is True
    assert shown["turnout"] == 1
    assert {o["count"] for o in shown["options"]} == {None}
    live_services.close_vote(actor=committee, meeting=meeting, motion=motion)
    shown = live_selectors.snapshot(meeting.pk)["motion"]
    assert [o["count"] for o in shown["options"]] == [1, 0, 0]
    assert shown["valid"] is not None


def test_a_secret_ballot_shows_only_the_number_of_ballots_until_closed(
    community, committee, residents
):
    from tests.consultation.live.conftest import make_live_meeting

    meeting, _first, _second, motion = make_live_meeting(
        community, committee, residents[:2], secret=True
    )
    assert motion.hide_results is False  # secret alone hides the tally
    for person in residents[:2]:
        _check_in(meeting, person)
    live_services.open_vote(actor=committee, meeting=meeting, motion=motion)
    live_services.cast_in_room(
        user=residents[0], meeting=meeting, motion=motion, option_ids=[_yes(motion)]
    )
    shown = live_selectors.snapshot(meeting.pk)["motion"]
    assert (shown["secret"], shown["hidden"], shown["turnout"]) == (True, True, 1)
    assert [o["count"] for o in shown["options"]] == [None, None, None]
    assert (shown["valid"], shown["passed"]) == (None, None)
    live_services.close_vote(actor=committee, meeting=meeting, motion=motion)
    shown = live_selectors.snapshot(meeting.pk)["motion"]
    assert shown["hidden"] is False
    assert [o["count"] for o in shown["options"]] == [1, 0, 0]
    assert shown["valid"] is not None


def test_a_motion_of_another_meeting_is_refused(live_meeting, committee):
    from tests.consultation.live.conftest import make_live_meeting

    meeting, *_ = live_meeting
    _other, _a, _b, foreign = make_live_meeting(meeting.community, committee, [])
    with pytest.raises(ValidationError):
        live_services.open_vote(actor=committee, meeting=meeting, motion=foreign)


# --- Pushes happen after the commit, never for a rolled-back change -----------------
def test_the_new_state_is_pushed_only_once_the_change_is_committed(
    live_meeting, committee, monkeypatch, django_capture_on_commit_callbacks
):
    from django.db import transaction

    meeting, first, second, _motion = live_meeting
    pushed = []
    monkeypatch.setattr(
        live_broadcast, "push", lambda meeting_id, **kwargs: pushed.append(meeting_id)
    )
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        live_services.set_current_item(actor=committee, meeting=meeting, item=second)
        raise RuntimeError("rolled back")
    assert pushed == []
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        live_services.set_current_item(actor=committee, meeting=meeting, item=first)
        assert pushed == []  # not before the commit
    for callback in callbacks:
        callback()
    assert pushed
    assert set(pushed) == {meeting.pk}
