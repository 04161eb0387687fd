"""The adoption vote: consistent numbers, quorum and majority from the community's
settings (more than the share, never equal), failed votes kept, the consultation's
entry point."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from audit.models import AuditEvent
from governance.charters.models import AdoptionVote, CharterVersion
from governance.charters.services import votes
from tests.governance.charters.conftest import S

pytestmark = pytest.mark.django_db


def numbers(**changes):
    base = {
        "electorate": 100,
        "attendance": 51,
        "women": 20,
        "votes_for": 26,
        "against": 20,
        "abstain": 5,
    }
    base.update(changes)
    return base


@pytest.fixture
def ready(start, advance):
    return advance(start(), S.REVIEW_PASSED)


@pytest.mark.parametrize(
    ("changes", "quorate", "passed"),
    [
        ({}, True, True),  # 51 of 100 attend, 26 of 51 for: both just over half
        (
            {"attendance": 50, "votes_for": 26, "against": 19},
            False,
            False,
        ),  # exactly half: no quorum
        ({"votes_for": 25, "against": 21}, True, False),  # 25 of 51 is under half
        (
            {"attendance": 52, "votes_for": 26, "against": 21},
            True,
            False,
        ),  # 26 of 52: exactly half fails
        ({"attendance": 52, "votes_for": 27, "against": 20}, True, True),
        (
            {
                "electorate": 1,
                "attendance": 1,
                "women": 0,
                "votes_for": 1,
                "against": 0,
                "abstain": 0,
            },
            True,
            True,
        ),
    ],
)
def test_quorum_and_majority_need_more_than_half(
    ready, committee_member, changes, quorate, passed
):
    vote = votes.record_adoption_vote(
        ready, actor=committee_member, **numbers(**changes)
    )
    assert (vote.quorate, vote.passed) == (quorate, passed)
    ready.refresh_from_db()
    assert ready.state == (S.VOTED if passed else S.REVIEW_PASSED)


def test_the_communitys_own_shares_apply(community, ready, committee_member):
    policy = community.policy
    policy.quorum_fraction = Decimal("0.667")
    policy.majority_fraction = Decimal("0.667")
    policy.save()
    vote = votes.record_adoption_vote(ready, actor=committee_member, **numbers())
    assert not vote.quorate
    assert not vote.passed
    vote = votes.record_adoption_vote(
        ready,
        actor=committee_member,
        **numbers(attendance=67, votes_for=45, against=20, abstain=2),
    )
    assert vote.quorate
    assert vote.passed


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"attendance": 101}, "attendance"),
        ({"women": 52}, "women"),
        ({"votes_for": 40, "against": 10, "abstain": 5}, "votes_for"),
        (
            {
                "electorate": 0,
                "attendance": 0,
                "women": 0,
                "votes_for": 0,
                "against": 0,
                "abstain": 0,
            },
            "electorate",
        ),
        ({"against": -1}, "against"),
        ({"women": "12"}, "women"),
    ],
)
def test_inconsistent_numbers_are_refused_and_nothing_is_saved(
    ready, committee_member, changes, field
):
    with pytest.raises(ValidationError) as error:
        votes.record_adoption_vote(ready, actor=committee_member, **numbers(**changes))
    assert field in error.value.error_dict
    assert not AdoptionVote.objects.exists()
    ready.refresh_from_db()
    assert ready.state == S.REVIEW_PASSED


def test_a_meeting_in_the_future_is_refused(ready, committee_member):
    with pytest.raises(ValidationError) as error:
        votes.record_adoption_vote(
            ready,
            actor=committee_member,
            held_on=timezone.localdate() + datetime.timedelta(days=1),
            **numbers(),
        )
    assert "held_on" in error.value.error_dict


def test_a_failed_vote_is_kept_and_audited_and_a_later_vote_may_adopt(
    ready, committee_member
):
    votes.record_adoption_vote(
        ready, actor=committee_member, **numbers(attendance=40, votes_for=30, against=5)
    )
    assert AuditEvent.objects.filter(action="governance.charter.vote_failed").exists()
    votes.record_adoption_vote(ready, actor=committee_member, **numbers())
    assert list(ready.votes.values_list("passed", flat=True)) == [False, True]
    with pytest.raises(ValidationError) as error:
        votes.record_adoption_vote(ready, actor=committee_member, **numbers())
    assert error.value.code == "wrong_state"


def test_only_the_committee_records_the_vote(ready, resident, street_officer):
    for person in (resident, street_officer):
        with pytest.raises(PermissionDenied):
            votes.record_adoption_vote(ready, actor=person, **numbers())
    assert not AdoptionVote.objects.exists()


def test_the_consultation_app_can_supply_the_vote_by_charter(ready):
    """The entry point the consultation module calls: the charter page, no actor."""
    vote = votes.record_adoption_vote(
        ready.charter,
        source="consultation",
        source_ref="consultation:42",
        **numbers(),
    )
    assert vote.source == AdoptionVote.Source.CONSULTATION
    assert vote.source_ref == "consultation:42"
    version = CharterVersion.objects.get(pk=ready.pk)
    assert version.state == S.VOTED
    step = version.transitions.get(action="adopt")
    assert step.actor is None
    event = AuditEvent.objects.get(action="governance.charter.adopt")
    assert event.data["source"] == "consultation"


def test_a_charter_with_nothing_to_vote_on_says_so(start, advance):
    published = advance(start(), S.PUBLISHED)
    with pytest.raises(ValidationError) as error:
        votes.record_adoption_vote(
            published.charter, source="consultation", **numbers()
        )
    assert error.value.code == "wrong_state"
