"""One ballot per voter and meeting capacity under real concurrency (PostgreSQL).

Real threads, each with its own database connection, so rows are committed; the
module puts back what migrations created afterwards (see tests/notifications).
"""

from __future__ import annotations

import contextlib
import datetime
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from communities.models import Role
from consultation.meetings import services as meeting_services
from consultation.models import Ballot, BallotChoice, Participant
from consultation.topics import services as topic_services
from consultation.votes import services as vote_services
from tests.factories import CommunityFactory, MembershipFactory, RoleGrantFactory
from tests.support.actors import give_totp

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("restore_migrated_data"),
    pytest.mark.postgres,
    pytest.mark.skipif(
        not settings.IS_POSTGRES,
        reason="needs PostgreSQL: row locks and unique checks under parallel connections",
    ),
]


def _race(calls, workers):
    """Run every call at once; returns (results, refusals, other errors)."""
    barrier = threading.Barrier(min(workers, len(calls)))
    results, refusals, errors = [], [], []

    def attempt(call):
        try:
            with contextlib.suppress(threading.BrokenBarrierError):
                barrier.wait(timeout=30)
            results.append(call())
        except ValidationError as refusal:
            refusals.append(refusal)
        except Exception as error:  # noqa: BLE001 - any other error fails the test
            errors.append(error)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=workers) as pool:
        list(pool.map(attempt, calls))
    return results, refusals, errors


def _setup(residents=3):
    community = CommunityFactory()
    committee = give_totp(
        RoleGrantFactory(role=Role.COMMITTEE, community=community).user
    )
    people = [
        MembershipFactory(community=community, household__community=community).user
        for _ in range(residents)
    ]
    topic = topic_services.open_topic(
        actor=committee, community=community, title="停车", description="..."
    )
    topic_services.accept(actor=committee, consultation=topic)
    starts = timezone.now() + datetime.timedelta(days=5)
    meeting = meeting_services.schedule_meeting(
        actor=committee,
        consultation=topic,
        title="议事会",
        form="deliberation",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        place="活动室",
        registration_open=True,
        capacity=5,
    )
    return committee, people, topic, meeting


def test_20_concurrent_submissions_by_the_same_voter_count_once():
    committee, people, _topic, meeting = _setup()
    item = meeting_services.add_agenda_item(
        actor=committee, meeting=meeting, title="停车位"
    )
    motion = vote_services.create_motion(
        actor=committee, agenda_item=item, title="是否增设", is_secret=True
    )
    vote_services.open_vote(actor=committee, motion=motion)
    voter = people[0]
    options = list(motion.options.values_list("pk", flat=True))
    calls = [
        (
            lambda i=i: vote_services.cast_ballot(
                user=voter, motion=motion, option_ids=[options[i % 3]]
            )
        )
        for i in range(20)
    ]
    results, refusals, errors = _race(calls, workers=20)
    assert errors == []
    assert len(results) == 1
    assert len(refusals) == 19
    assert Ballot.objects.filter(motion=motion).count() == 1
    # The losers' choices were rolled back with their ballots.
    assert BallotChoice.objects.filter(motion=motion).count() == 1
    vote_services.close_vote(actor=committee, motion=motion)
    assert motion.result["turnout"] == 1


def test_ballots_racing_the_close_are_counted_in_its_result_or_refused():
    """Ballots take a share lock on the motion, closing an exclusive one: ballots do
    not wait for each other, and none can be recorded after the close has counted."""
    committee, people, _topic, meeting = _setup(residents=12)
    item = meeting_services.add_agenda_item(
        actor=committee, meeting=meeting, title="停车位"
    )
    motion = vote_services.create_motion(
        actor=committee, agenda_item=item, title="是否增设"
    )
    vote_services.open_vote(actor=committee, motion=motion)
    option = motion.options.values_list("pk", flat=True)[0]
    calls = [
        (
            lambda p=p: vote_services.cast_ballot(
                user=p, motion=motion, option_ids=[option]
            )
        )
        for p in people
    ]
    calls.insert(6, lambda: vote_services.close_vote(actor=committee, motion=motion))

    results, refusals, errors = _race(calls, workers=len(calls))

    assert errors == []
    motion.refresh_from_db()
    ballots = Ballot.objects.filter(motion=motion).count()
    assert motion.result["turnout"] == ballots  # none after the close counted
    assert ballots + len(refusals) == len(people)
    with translation.override(settings.LANGUAGE_CODE):  # the threads' language
        closed = _("The vote is not open.")
    assert {m for r in refusals for m in r.messages} <= {closed}


def test_concurrent_registrations_never_exceed_the_capacity():
    committee, _people, topic, meeting = _setup(residents=0)
    meeting_services.invite_participant(
        actor=committee, meeting=meeting, kind="affected", name="3号楼"
    )
    topic_services.set_participants(actor=committee, consultation=topic)
    meeting_services.publish_notice(actor=committee, meeting=meeting)
    people = [
        MembershipFactory(
            community=meeting.community, household__community=meeting.community
        ).user
        for _ in range(30)
    ]
    calls = [
        (lambda p=p: meeting_services.register(user=p, meeting=meeting)) for p in people
    ]
    results, refusals, errors = _race(calls, workers=30)
    assert errors == []
    assert len(results) == 5
    assert len(refusals) == 25
    assert Participant.objects.filter(meeting=meeting, how="registered").count() == 5


@pytest.mark.parametrize("fraction", ["1", "0.5"], ids=["last-support", "half"])
def test_supports_arriving_together_promote_the_suggestion_exactly_once(fraction):
    """Supports are counted after each one commits, without a lock: of two
    supports at the same moment the later commit counts both. So the threshold is
    seen whatever the order (`1`: only the very last support reaches it), and when
    many supports see it (`0.5`), the suggestion still becomes one topic."""
    from decimal import Decimal

    from consultation.models import Consultation, Suggestion, Support

    community = CommunityFactory()
    policy = community.policy
    policy.petition_threshold_fraction = Decimal(fraction)
    policy.save()
    people = [
        MembershipFactory(community=community, household__community=community).user
        for _ in range(20)
    ]
    # A missed promotion needs two commits to interleave with two counts: a few
    # rounds make it likely to show if the counting were wrong.
    for round_ in range(3 if fraction == "1" else 1):
        suggestion = topic_services.post_suggestion(
            author=people[0],
            community=community,
            title=f"加装电梯 {round_}",
            description="...",
        )
        calls = [
            (lambda p=p, s=suggestion: topic_services.support(user=p, suggestion=s))
            for p in people[1:]
        ]
        results, refusals, errors = _race(calls, workers=len(calls))
        assert errors == []
        if fraction == "1":  # promoted only by the last support, once all are in
            assert refusals == []
        # With a lower threshold a support that starts after the promotion is
        # refused (the threads share the suggestion the promotion updates).
        assert len(results) + len(refusals) == 19
        supports = Support.objects.filter(suggestion=suggestion).count()
        assert supports == 1 + len(results)
        suggestion.refresh_from_db()
        assert suggestion.status == Suggestion.Status.PROMOTED
        assert Consultation.objects.filter(suggestion=suggestion).count() == 1
