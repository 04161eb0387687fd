"""Issue 4 §6: a charter's adoption vote held as a motion; when it passes the charter
moves on through governance, when it fails the charter stays at "review passed"."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from consultation.meetings import services as meeting_services
from consultation.models import Motion
from consultation.topics import services as topic_services
from consultation.votes import services as vote_services
from governance.charters.models import AdoptionVote, CharterState
from governance.charters.services.consultation import charters_awaiting_vote

pytestmark = pytest.mark.django_db
S = CharterState


@pytest.fixture
def version(start, advance):
    return advance(start(), S.REVIEW_PASSED)


@pytest.fixture
def meeting(walk, committee, community):
    consultation = topic_services.open_topic(
        actor=committee, community=community, title="修订居民公约", description="表决"
    )
    walk(consultation, "participants_set")
    return consultation.meetings.first(), consultation


@pytest.fixture
def item(meeting, committee):
    return meeting_services.add_agenda_item(
        actor=committee, meeting=meeting[0], title="居民公约表决"
    )


def _held(walk, meeting):
    walk(meeting[1], "held")


def _motion(committee, item, version, **kwargs):
    return vote_services.create_motion(
        actor=committee,
        agenda_item=item,
        title="同意通过居民公约",
        charter_version_id=version.pk,
        **kwargs,
    )


def _vote(motion, people, code):
    option = motion.options.get(code=code)
    for person in people:
        vote_services.cast_ballot(user=person, motion=motion, option_ids=[option.pk])


def _open_with_votes(walk, meeting, committee, motion, residents, *, yes, no):
    _held(walk, meeting)
    vote_services.open_vote(actor=committee, motion=motion)
    _vote(motion, residents[:yes], "for")
    _vote(motion, residents[yes : yes + no], "against")


def test_only_versions_awaiting_their_vote_are_offered(start, advance, community):
    waiting = advance(start(title="居民公约"), S.REVIEW_PASSED)
    advance(start(title="停车公约"), S.SUBMITTED)
    choices = charters_awaiting_vote(community)
    assert [pk for pk, _label in choices] == [waiting.pk]
    assert "居民公约" in choices[0][1]


def test_a_passing_motion_adopts_the_charter(
    walk, meeting, item, committee, version, residents
):
    motion = _motion(committee, item, version)
    _open_with_votes(walk, meeting, committee, motion, residents, yes=7, no=1)
    vote_services.close_vote(actor=committee, motion=motion, women=4)
    version.refresh_from_db()
    assert version.state == S.VOTED
    assert version.filing_due_on is not None
    vote = AdoptionVote.objects.get(version=version)
    assert vote.source == AdoptionVote.Source.CONSULTATION
    assert vote.source_ref == reverse(
        "consultation:motion", args=[motion.community.slug, motion.pk]
    )
    result = motion.result
    assert (vote.electorate, vote.attendance) == (result["electorate"], 8)
    assert (vote.votes_for, vote.against, vote.abstain, vote.women) == (7, 1, 0, 4)
    assert vote.passed
    assert vote.recorded_by is None
    assert result["charter"]["recorded"] is True
    assert result["charter"]["passed"] is True


def test_a_failing_motion_leaves_the_charter_at_review_passed(
    walk, meeting, item, committee, version, residents
):
    motion = _motion(committee, item, version)
    _open_with_votes(walk, meeting, committee, motion, residents, yes=3, no=5)
    vote_services.close_vote(actor=committee, motion=motion, women=2)
    version.refresh_from_db()
    assert version.state == S.REVIEW_PASSED
    vote = AdoptionVote.objects.get(version=version)
    assert not vote.passed
    assert motion.result["charter"]["passed"] is False
    # Another meeting may vote again: the version is still offered.
    assert version.pk in dict(charters_awaiting_vote(version.community))


def test_governance_applies_its_own_quorum(
    walk, meeting, item, committee, version, residents
):
    """2 of 10 voting for, none against: the motion's majority is met, but
    governance finds no quorum and does not adopt."""
    motion = _motion(committee, item, version)
    _open_with_votes(walk, meeting, committee, motion, residents, yes=2, no=0)
    vote_services.close_vote(actor=committee, motion=motion, women=0)
    version.refresh_from_db()
    assert version.state == S.REVIEW_PASSED
    assert AdoptionVote.objects.get(version=version).quorate is False


@pytest.mark.parametrize(
    ("women", "message"),
    [
        (None, "Enter the number of women attending"),
        (9, "between 0 and the 8 people"),
        (-1, "between 0 and the 8 people"),
    ],
)
def test_closing_needs_a_sensible_number_of_women(
    walk, meeting, item, committee, version, residents, women, message
):
    motion = _motion(committee, item, version)
    _open_with_votes(walk, meeting, committee, motion, residents, yes=7, no=1)
    with pytest.raises(ValidationError) as error:
        vote_services.close_vote(actor=committee, motion=motion, women=women)
    assert "women" in error.value.message_dict
    assert message in error.value.message_dict["women"][0]
    motion.refresh_from_db()
    assert motion.status == Motion.Status.OPEN
    assert not AdoptionVote.objects.exists()
    version.refresh_from_db()
    assert version.state == S.REVIEW_PASSED


def test_an_ordinary_motion_needs_no_women_and_touches_no_charter(
    walk, meeting, item, committee, version, residents
):
    motion = vote_services.create_motion(
        actor=committee, agenda_item=item, title="普通"
    )
    _open_with_votes(walk, meeting, committee, motion, residents, yes=7, no=1)
    vote_services.close_vote(actor=committee, motion=motion)
    assert "charter" not in motion.result
    assert not AdoptionVote.objects.exists()


def test_a_charter_motion_is_for_against_abstain(committee, item, version):
    with pytest.raises(ValidationError) as error:
        _motion(committee, item, version, method="single", options=["甲", "乙"])
    assert "method" in error.value.message_dict
    assert not Motion.objects.exists()


def test_only_a_version_awaiting_its_vote_can_be_linked(
    start, advance, committee, item
):
    draft = advance(start(), S.SUBMITTED)
    with pytest.raises(ValidationError) as error:
        _motion(committee, item, draft)
    assert "charter_version" in error.value.message_dict
    assert not Motion.objects.exists()


def test_a_version_of_another_community_cannot_be_linked(
    make_community, committee, item, version
):
    from governance.charters.models import CharterVersion

    other = make_community(slug="other")
    CharterVersion.objects.filter(pk=version.pk).update(community=other)
    with pytest.raises(ValidationError):
        _motion(committee, item, version)


def test_when_governance_refuses_the_vote_still_closes(
    walk, meeting, item, committee, version, residents, advance
):
    motion = _motion(committee, item, version)
    _open_with_votes(walk, meeting, committee, motion, residents, yes=7, no=1)
    advance(version, S.VOTED)  # adopted by a meeting record meanwhile
    vote_services.close_vote(actor=committee, motion=motion, women=3)
    motion.refresh_from_db()
    assert motion.status == Motion.Status.CLOSED
    assert motion.result["charter"]["recorded"] is False
    assert motion.result["charter"]["error"]
    assert AdoptionVote.objects.filter(version=version).count() == 1  # the meeting's
