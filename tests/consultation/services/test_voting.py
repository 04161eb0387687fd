"""Voting: methods, electorate snapshots, quorum and majority, secrecy, paper tallies."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext

from consultation.meetings import services as meeting_services
from consultation.models import Ballot, BallotChoice, Elector, Motion, State
from consultation.topics import services as topic_services
from consultation.votes import selectors as vote_selectors
from consultation.votes import services as vote_services
from tests.factories import HouseholdFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(community, committee, walk):
    topic = topic_services.open_topic(
        actor=committee, community=community, title="停车", description="..."
    )
    walk(topic, State.ACCEPTED)
    return walk.meeting(topic)


@pytest.fixture
def item(meeting, committee):
    return meeting_services.add_agenda_item(
        actor=committee, meeting=meeting, title="停车位"
    )


@pytest.fixture
def motion_of(item, committee):
    def make(**kwargs):
        return vote_services.create_motion(
            actor=committee, agenda_item=item, title="是否增设停车位", **kwargs
        )

    return make


def _options(motion):
    return {o.code or o.label: o.pk for o in motion.options.all()}


def _vote(people, motion, choice):
    for person in people:
        vote_services.cast_ballot(user=person, motion=motion, option_ids=[choice])


def test_for_against_abstain_gets_three_options(motion_of):
    motion = motion_of()
    assert [o.code for o in motion.options.all()] == ["for", "against", "abstain"]


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"method": "single", "options": ["A"]}, "options"),
        ({"method": "single", "options": ["A", "A"]}, "options"),
        (
            {"method": "multiple", "options": ["A", "B"], "max_choices": 3},
            "max_choices",
        ),
        (
            {"method": "multiple", "options": ["A", "B"], "max_choices": 0},
            "max_choices",
        ),
    ],
)
def test_a_bad_motion_is_refused_and_nothing_saved(motion_of, kwargs, field):
    with pytest.raises(ValidationError) as refused:
        motion_of(**kwargs)
    assert field in refused.value.message_dict
    assert not Motion.objects.exists()


def test_the_electorate_is_snapshotted_when_the_vote_opens(
    motion_of, committee, make_resident
):
    adults = [make_resident() for _ in range(4)]
    make_resident(adult=False)
    make_resident(status="pending")
    motion = motion_of()
    vote_services.open_vote(actor=committee, motion=motion)
    assert motion.electorate_size == 4
    assert set(motion.electors.values_list("user", flat=True)) == {a.pk for a in adults}
    late = make_resident()
    with pytest.raises(ValidationError, match="not in the electorate"):
        vote_services.cast_ballot(
            user=late, motion=motion, option_ids=[_options(motion)["for"]]
        )
    # The rules are snapshotted too: a later policy change does not move them.
    assert motion.quorum_fraction == Decimal("0.5")


def test_experts_are_left_out_of_the_electorate(
    motion_of, committee, meeting, make_resident
):
    resident, expert = make_resident(), make_resident()
    meeting_services.invite_participant(
        actor=committee, meeting=meeting, kind="expert", user=expert
    )
    motion = motion_of()
    vote_services.open_vote(actor=committee, motion=motion)
    assert list(motion.electors.values_list("user", flat=True)) == [resident.pk]


def test_a_participants_electorate_is_the_meetings_voting_participants(
    motion_of, committee, meeting, make_resident
):
    voter, expert, _bystander = make_resident(), make_resident(), make_resident()
    meeting_services.invite_participant(
        actor=committee, meeting=meeting, kind="affected", user=voter
    )
    meeting_services.invite_participant(
        actor=committee, meeting=meeting, kind="expert", user=expert
    )
    motion = motion_of(electorate="participants")
    vote_services.open_vote(actor=committee, motion=motion)
    assert list(motion.electors.values_list("user", flat=True)) == [voter.pk]


@pytest.mark.parametrize(
    ("for_", "against", "abstain", "absent", "valid", "passed"),
    [
        (3, 1, 0, 0, True, True),
        (2, 2, 0, 0, True, False),  # exactly half is not more than half
        (3, 1, 2, 0, True, False),  # abstentions count among those present
        (4, 1, 1, 0, True, True),
        (2, 0, 0, 2, False, False),  # half the electorate is not a quorum
        (3, 0, 0, 2, True, True),
    ],
)
def test_quorum_and_majority_give_valid_and_passed_with_the_numbers(
    motion_of, committee, make_resident, for_, against, abstain, absent, valid, passed
):
    people = [make_resident() for _ in range(for_ + against + abstain + absent)]
    motion = motion_of()
    vote_services.open_vote(actor=committee, motion=motion)
    options = _options(motion)
    _vote(people[:for_], motion, options["for"])
    _vote(people[for_ : for_ + against], motion, options["against"])
    _vote(people[for_ + against : for_ + against + abstain], motion, options["abstain"])
    vote_services.close_vote(actor=committee, motion=motion)
    result = Motion.objects.get(pk=motion.pk).result
    assert result["electorate"] == len(people)
    assert result["turnout"] == for_ + against + abstain
    assert (result["for"], result["against"], result["abstain"]) == (
        for_,
        against,
        abstain,
    )
    assert (result["valid"], result["passed"]) == (valid, passed)


def test_single_choice_picks_the_option_with_more_than_half(
    motion_of, committee, make_resident
):
    people = [make_resident() for _ in range(6)]
    motion = motion_of(method="single", options=["东门", "西门", "南门"])
    vote_services.open_vote(actor=committee, motion=motion)
    o = _options(motion)
    _vote(people[:3], motion, o["东门"])
    _vote(people[3:5], motion, o["西门"])
    with pytest.raises(ValidationError, match="at most 1"):
        vote_services.cast_ballot(
            user=people[5], motion=motion, option_ids=[o["东门"], o["西门"]]
        )
    vote_services.close_vote(actor=committee, motion=motion)
    result = motion.result
    assert {x["label"]: (x["count"], x["adopted"]) for x in result["options"]} == {
        "东门": (3, True),
        "西门": (2, False),
        "南门": (0, False),
    }
    assert result["passed"] is True


def test_multiple_choice_up_to_the_maximum(motion_of, committee, make_resident):
    people = [make_resident() for _ in range(4)]
    motion = motion_of(method="multiple", options=["A", "B", "C"], max_choices=2)
    vote_services.open_vote(actor=committee, motion=motion)
    o = _options(motion)
    with pytest.raises(ValidationError, match="at most 2"):
        vote_services.cast_ballot(
            user=people[0], motion=motion, option_ids=[o["A"], o["B"], o["C"]]
        )
    for person in people[:3]:
        vote_services.cast_ballot(
            user=person, motion=motion, option_ids=[o["A"], o["B"]]
        )
    vote_services.cast_ballot(user=people[3], motion=motion, option_ids=[o["C"]])
    vote_services.close_vote(actor=committee, motion=motion)
    counts = {x["label"]: (x["count"], x["adopted"]) for x in motion.result["options"]}
    assert counts == {"A": (3, True), "B": (3, True), "C": (1, False)}
    assert motion.result["turnout"] == 4


@pytest.mark.parametrize("bad", [[], [999999]])
def test_a_ballot_must_choose_the_motions_options(
    motion_of, committee, make_resident, bad
):
    person = make_resident()
    motion = motion_of()
    vote_services.open_vote(actor=committee, motion=motion)
    with pytest.raises(ValidationError):
        vote_services.cast_ballot(user=person, motion=motion, option_ids=bad)
    assert not Ballot.objects.exists()


def test_one_ballot_per_elector(motion_of, committee, make_resident):
    person = make_resident()
    motion = motion_of()
    vote_services.open_vote(actor=committee, motion=motion)
    o = _options(motion)
    vote_services.cast_ballot(user=person, motion=motion, option_ids=[o["for"]])
    with pytest.raises(ValidationError, match="already"):
        vote_services.cast_ballot(user=person, motion=motion, option_ids=[o["against"]])
    assert Ballot.objects.count() == 1
    assert BallotChoice.objects.count() == 1
    with pytest.raises(IntegrityError):
        Ballot.objects.create(motion=motion, elector=motion.electors.get())


def test_votes_only_while_open(motion_of, committee, make_resident):
    person = make_resident()
    motion = motion_of()
    with pytest.raises(ValidationError):
        vote_services.cast_ballot(user=person, motion=motion, option_ids=[1])
    vote_services.open_vote(actor=committee, motion=motion)
    vote_services.close_vote(actor=committee, motion=motion)
    with pytest.raises(ValidationError, match="not open"):
        vote_services.cast_ballot(
            user=person, motion=motion, option_ids=[_options(motion)["for"]]
        )
    with pytest.raises(ValidationError):
        vote_services.open_vote(actor=committee, motion=motion)


# ---------------------------------------------------------------------------
# Secret and open ballots
# ---------------------------------------------------------------------------
def test_a_secret_ballot_records_who_voted_but_never_how(
    motion_of, committee, make_resident
):
    people = [make_resident() for _ in range(3)]
    motion = motion_of(is_secret=True)
    vote_services.open_vote(actor=committee, motion=motion)
    o = _options(motion)
    vote_services.cast_ballot(user=people[0], motion=motion, option_ids=[o["for"]])
    vote_services.cast_ballot(user=people[1], motion=motion, option_ids=[o["against"]])
    # Who voted is recorded ...
    assert set(Ballot.objects.values_list("cast_by", flat=True)) == {
        people[0].pk,
        people[1].pk,
    }
    # ... how is not: no choice links to a ballot, elector or person.
    assert BallotChoice.objects.filter(ballot__isnull=False).count() == 0
    choice_fields = {f.name for f in BallotChoice._meta.get_fields()}
    assert choice_fields == {"id", "motion", "option", "ballot"}
    ballot_fields = {f.name for f in Ballot._meta.get_fields()}
    assert ballot_fields == {"id", "motion", "elector", "cast_by", "cast_at", "choices"}
    # Choice keys are random, so their order says nothing about the order of ballots.
    assert all(c.id.version == 4 for c in BallotChoice.objects.all())
    # The tally still counts them.
    vote_services.close_vote(actor=committee, motion=motion)
    assert (motion.result["for"], motion.result["against"]) == (1, 1)


def test_an_open_ballot_links_each_choice_to_its_ballot(
    motion_of, committee, make_resident
):
    person = make_resident()
    motion = motion_of()
    vote_services.open_vote(actor=committee, motion=motion)
    ballot = vote_services.cast_ballot(
        user=person, motion=motion, option_ids=[_options(motion)["for"]]
    )
    assert ballot.choices.get().option.code == "for"


def test_results_hidden_until_the_vote_closes(motion_of, committee, make_resident):
    person = make_resident()
    motion = motion_of(hide_results=True)
    vote_services.open_vote(actor=committee, motion=motion)
    vote_services.cast_ballot(
        user=person, motion=motion, option_ids=[_options(motion)["for"]]
    )
    assert vote_selectors.result_for_display(motion) is None
    assert not committee.has_perm("consultation.view_results", motion)
    vote_services.close_vote(actor=committee, motion=motion)
    assert vote_selectors.result_for_display(motion)["for"] == 1
    shown = motion_of()
    vote_services.open_vote(actor=committee, motion=shown)
    assert vote_selectors.result_for_display(shown)["turnout"] == 0


def test_a_secret_ballots_tally_shows_only_once_the_vote_closes(
    motion_of, committee, make_resident
):
    """Whoever watches a running tally while a person votes would learn their choice."""
    person = make_resident()
    motion = motion_of(is_secret=True)
    vote_services.open_vote(actor=committee, motion=motion)
    vote_services.cast_ballot(
        user=person, motion=motion, option_ids=[_options(motion)["for"]]
    )
    assert vote_selectors.result_for_display(motion) is None
    vote_services.close_vote(actor=committee, motion=motion)
    assert vote_selectors.result_for_display(motion)["for"] == 1


# ---------------------------------------------------------------------------
# Households and proxies
# ---------------------------------------------------------------------------
def test_household_mode_votes_through_the_representative_or_a_recorded_proxy(
    community, motion_of, committee, make_resident
):
    h1, h2, h3 = (HouseholdFactory(community=community) for _ in range(3))
    rep1 = make_resident(household=h1, representative=True)
    member1 = make_resident(household=h1)
    rep2 = make_resident(household=h2, representative=True)
    lone3 = make_resident(household=h3)  # no representative
    motion = motion_of(electorate="households")
    vote_services.open_vote(actor=committee, motion=motion)
    assert motion.electorate_size == 3
    assert motion.quorum_fraction == Decimal("0.667")
    o = _options(motion)
    # A member who is not the representative cannot vote for the household.
    with pytest.raises(ValidationError):
        vote_services.cast_ballot(user=member1, motion=motion, option_ids=[o["for"]])
    vote_services.cast_ballot(user=rep1, motion=motion, option_ids=[o["for"]])
    # Household 3 votes through a proxy the committee records.
    with pytest.raises(ValidationError):
        vote_services.cast_ballot(user=lone3, motion=motion, option_ids=[o["for"]])
    elector3 = Elector.objects.get(motion=motion, household=h3)
    vote_services.record_proxy(
        actor=committee, elector=elector3, holder=lone3, note="委托"
    )
    vote_services.cast_ballot(user=lone3, motion=motion, option_ids=[o["for"]])
    # Two thirds of households took part: valid (0.667 means two thirds).
    vote_services.close_vote(actor=committee, motion=motion)
    assert motion.result["turnout"] == 2
    assert motion.result["valid"] is True
    assert motion.result["passed"] is True
    assert rep2  # did not vote


def test_a_proxy_replaces_the_representative(
    community, motion_of, committee, make_resident
):
    h = HouseholdFactory(community=community)
    rep = make_resident(household=h, representative=True)
    other = make_resident(household=h)
    motion = motion_of(electorate="households")
    vote_services.open_vote(actor=committee, motion=motion)
    vote_services.record_proxy(
        actor=committee, elector=motion.electors.get(), holder=other, note="代投"
    )
    with pytest.raises(ValidationError):
        vote_services.cast_ballot(
            user=rep, motion=motion, option_ids=[_options(motion)["for"]]
        )
    vote_services.cast_ballot(
        user=other, motion=motion, option_ids=[_options(motion)["for"]]
    )
    assert Ballot.objects.get().cast_by == other


def test_household_quorum_below_two_thirds_is_not_valid(
    community, motion_of, committee, make_resident
):
    reps = [
        make_resident(
            household=HouseholdFactory(community=community), representative=True
        )
        for _ in range(3)
    ]
    motion = motion_of(electorate="households")
    vote_services.open_vote(actor=committee, motion=motion)
    _vote(reps[:1], motion, _options(motion)["for"])
    vote_services.close_vote(actor=committee, motion=motion)
    assert motion.result["valid"] is False
    assert motion.result["passed"] is False


# ---------------------------------------------------------------------------
# Paper tallies merged with online votes
# ---------------------------------------------------------------------------
def test_paper_and_online_votes_merge_without_counting_anyone_twice(
    motion_of, committee, meeting, make_resident
):
    people = [make_resident() for _ in range(6)]
    present = []
    for person in people[:3]:
        p = meeting_services.invite_participant(
            actor=committee, meeting=meeting, kind="resident", user=person
        )
        present.append(p)
    motion = motion_of()
    vote_services.open_vote(actor=committee, motion=motion)
    o = _options(motion)
    # people[0] votes online before checking in: they cannot also vote on paper.
    vote_services.cast_ballot(user=people[0], motion=motion, option_ids=[o["for"]])
    for p in present:
        meeting_services.check_in(actor=committee, participant=p)
    # A person checked in cannot vote online.
    with pytest.raises(ValidationError, match="checked in"):
        vote_services.cast_ballot(user=people[1], motion=motion, option_ids=[o["for"]])
    # Only two present electors have not voted online: three paper ballots are refused.
    with pytest.raises(ValidationError) as refused:
        vote_services.enter_paper_tally(
            actor=committee, motion=motion, ballots=3, counts={o["for"]: 3}
        )
    assert "ballots" in refused.value.message_dict
    vote_services.enter_paper_tally(
        actor=committee, motion=motion, ballots=2, counts={o["for"]: 1, o["against"]: 1}
    )
    vote_services.cast_ballot(user=people[3], motion=motion, option_ids=[o["for"]])
    vote_services.close_vote(actor=committee, motion=motion)
    result = motion.result
    assert (result["online"], result["paper"], result["turnout"]) == (2, 2, 4)
    assert (result["for"], result["against"]) == (3, 1)
    assert result["valid"] is True
    assert result["passed"] is True


@pytest.mark.parametrize(
    ("ballots", "counts_of"),
    [(1, {"for": 2}), (-1, {"for": 0}), (1, {"for": 1, "against": 1})],
)
def test_paper_counts_cannot_exceed_the_ballots(
    motion_of, committee, meeting, make_resident, ballots, counts_of
):
    person = make_resident()
    p = meeting_services.invite_participant(
        actor=committee, meeting=meeting, kind="resident", user=person
    )
    meeting_services.check_in(actor=committee, participant=p)
    motion = motion_of()
    vote_services.open_vote(actor=committee, motion=motion)
    o = _options(motion)
    with pytest.raises(ValidationError):
        vote_services.enter_paper_tally(
            actor=committee,
            motion=motion,
            ballots=ballots,
            counts={o[k]: v for k, v in counts_of.items()},
        )
    assert not hasattr(Motion.objects.get(pk=motion.pk), "paper_tally")


def test_the_tally_is_one_query_however_many_ballots(
    motion_of, committee, make_resident
):
    people = [make_resident() for _ in range(25)]
    motion = motion_of(method="multiple", options=["A", "B", "C", "D"], max_choices=2)
    vote_services.open_vote(actor=committee, motion=motion)
    o = _options(motion)
    for i, person in enumerate(people):
        vote_services.cast_ballot(
            user=person,
            motion=motion,
            option_ids=[o["ABCD"[i % 4]], o["ABCD"[(i + 1) % 4]]],
        )
    with CaptureQueriesContext(connection) as queries:
        counts = vote_selectors.tally(motion)
    assert len(queries) == 1
    assert counts["turnout"] == 25
    assert sum(x["count"] for x in counts["options"]) == 50


def test_only_the_committee_runs_votes(motion_of, make_resident):
    person = make_resident()
    motion = motion_of()
    with pytest.raises(ValidationError):
        vote_services.open_vote(actor=person, motion=motion)
