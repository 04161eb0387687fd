"""Topics: committee proposals, resident suggestions and petitions, the state table."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection

from audit.models import AuditEvent
from consultation.deliberation import services as deliberation_services
from consultation.meetings import services as meeting_services
from consultation.models import (
    CHAIN,
    TRANSITIONS,
    Consultation,
    ConsultationEvent,
    State,
    Suggestion,
    Support,
)
from consultation.topics import services as topic_services
from notifications.models import Notification
from tests.consultation.factories import ConsultationFactory

pytestmark = pytest.mark.django_db


def test_a_committee_member_opens_a_topic_that_starts_as_proposed(committee, community):
    topic = topic_services.open_topic(
        actor=committee, community=community, title="加装电梯", description="3号楼"
    )
    assert topic.state == State.PROPOSED
    assert topic.origin == Consultation.Origin.COMMITTEE
    event = topic.events.get()
    assert (event.to_state, event.actor) == (State.PROPOSED, committee)
    assert AuditEvent.objects.filter(action="consultation.proposed").exists()


def test_a_resident_cannot_open_a_topic(make_resident, community):
    with pytest.raises(ValidationError):
        topic_services.open_topic(
            actor=make_resident(), community=community, title="x", description="y"
        )
    assert not Consultation.objects.exists()


@pytest.mark.parametrize(
    ("adults", "fraction", "expected"),
    [
        (0, "0.1", 1),
        (9, "0.1", 1),
        (10, "0.1", 1),
        (11, "0.1", 2),
        (30, "0.1", 3),
        (31, "0.1", 4),
        (10, "0.25", 3),
    ],
)
def test_the_threshold_is_the_share_of_verified_adults_rounded_up_at_least_one(
    community, make_resident, adults, fraction, expected
):
    for _ in range(adults):
        make_resident()
    make_resident(adult=False)  # minors do not count
    make_resident(status="pending")  # nor unverified applicants
    policy = community.policy
    policy.petition_threshold_fraction = Decimal(fraction)
    policy.save()
    assert topic_services.petition_threshold(community) == expected


def test_a_suggestion_counts_its_authors_support(community, make_resident):
    residents = [make_resident() for _ in range(30)]  # threshold 3
    suggestion = topic_services.post_suggestion(
        author=residents[0], community=community, title="充电桩", description="..."
    )
    assert list(suggestion.supports.values_list("user", flat=True)) == [residents[0].pk]
    assert suggestion.status == Suggestion.Status.OPEN


def test_only_verified_residents_suggest_and_support(
    community, make_resident, residents
):
    pending = make_resident(status="pending")
    with pytest.raises(ValidationError):
        topic_services.post_suggestion(
            author=pending, community=community, title="x", description="y"
        )
    suggestion = topic_services.post_suggestion(
        author=residents[0], community=community, title="x", description="y"
    )
    with pytest.raises(ValidationError):
        topic_services.support(user=pending, suggestion=suggestion)
    assert suggestion.supports.count() == 1


def test_a_resident_supports_once_and_the_database_refuses_a_second_row(
    community, make_resident
):
    residents = [make_resident() for _ in range(30)]  # threshold 3
    suggestion = topic_services.post_suggestion(
        author=residents[0], community=community, title="x", description="y"
    )
    topic_services.support(user=residents[1], suggestion=suggestion)
    with pytest.raises(ValidationError, match="already support"):
        topic_services.support(user=residents[1], suggestion=suggestion)
    assert suggestion.supports.count() == 2
    with pytest.raises(IntegrityError):
        Support.objects.create(suggestion=suggestion, user=residents[1])


def test_reaching_the_threshold_turns_the_suggestion_into_a_petition_topic(
    community, make_resident, committee, time_machine_now
):
    residents = [make_resident() for _ in range(30)]  # threshold 3
    suggestion = topic_services.post_suggestion(
        author=residents[0], community=community, title="充电桩", description="y"
    )
    topic_services.support(user=residents[1], suggestion=suggestion)
    assert not Consultation.objects.exists()
    topic_services.support(user=residents[2], suggestion=suggestion)
    suggestion.refresh_from_db()
    assert suggestion.status == Suggestion.Status.PROMOTED
    topic = suggestion.consultation
    assert topic.origin == Consultation.Origin.PETITION
    assert topic.state == State.PROPOSED
    assert topic.decision_due_at == topic.created_at + datetime.timedelta(days=15)
    assert Notification.objects.filter(
        recipient=committee, kind="consultation.petition_topic"
    ).exists()
    # No more support once it is a topic.
    with pytest.raises(ValidationError):
        topic_services.support(user=residents[3], suggestion=suggestion)


def test_below_the_threshold_it_stays_a_suggestion(community, make_resident):
    residents = [make_resident() for _ in range(30)]
    suggestion = topic_services.post_suggestion(
        author=residents[0], community=community, title="x", description="y"
    )
    topic_services.support(user=residents[1], suggestion=suggestion)
    suggestion.refresh_from_db()
    assert suggestion.status == Suggestion.Status.OPEN


def _petition(community, residents):
    suggestion = topic_services.post_suggestion(
        author=residents[0], community=community, title="充电桩", description="y"
    )
    return Consultation.objects.get(suggestion=suggestion)


def test_a_petition_topic_is_accepted_only_with_a_public_reason(
    community, residents, committee
):
    topic = _petition(community, residents)  # 10 residents: threshold 1
    with pytest.raises(ValidationError, match="public reason"):
        topic_services.accept(actor=committee, consultation=topic, reason="  ")
    topic.refresh_from_db()
    assert topic.state == State.PROPOSED
    topic_services.accept(actor=committee, consultation=topic, reason="居民关切")
    topic.refresh_from_db()
    assert (topic.state, topic.decision_reason) == (State.ACCEPTED, "居民关切")


def test_declining_needs_a_reason_and_tells_the_supporters(
    community, residents, committee
):
    topic = _petition(community, residents)
    with pytest.raises(ValidationError):
        topic_services.decline(actor=committee, consultation=topic, reason="")
    topic_services.decline(actor=committee, consultation=topic, reason="不属于社区职权")
    topic.refresh_from_db()
    assert topic.state == State.DECLINED
    assert topic.decision_reason == "不属于社区职权"
    assert Notification.objects.filter(
        recipient=residents[0], kind="consultation.topic_declined"
    ).exists()
    with pytest.raises(ValidationError):
        topic_services.accept(actor=committee, consultation=topic, reason="改主意")


def test_a_petition_topic_past_its_decision_date_is_overdue_and_the_committee_told_once(
    community, residents, committee, time_machine_now
):
    topic = _petition(community, residents)
    assert not topic.is_decision_overdue
    assert topic_services.notify_overdue_decisions() == 0
    time_machine_now.shift(datetime.timedelta(days=15, minutes=1))
    topic.refresh_from_db()
    assert topic.is_decision_overdue
    assert list(Consultation.objects.decision_overdue()) == [topic]
    assert topic_services.notify_overdue_decisions() == 1
    assert topic_services.notify_overdue_decisions() == 0
    assert (
        Notification.objects.filter(
            recipient=committee, kind="consultation.decision_overdue"
        ).count()
        == 1
    )
    topic_services.accept(actor=committee, consultation=topic, reason="迟到的决定")
    topic.refresh_from_db()
    assert not topic.is_decision_overdue


# ---------------------------------------------------------------------------
# The state table: every (from, to) pair; only the listed ones are allowed
# ---------------------------------------------------------------------------
ALL_STATES = [s.value for s in State]
PAIRS = [(a, b) for a in ALL_STATES for b in ALL_STATES]


@pytest.mark.parametrize(("from_state", "to_state"), PAIRS)
def test_transition_table(committee, community, from_state, to_state):
    topic = ConsultationFactory(community=community, state=from_state)
    allowed = to_state in TRANSITIONS[from_state]
    if allowed:
        topic_services.transition(
            actor=committee, consultation=topic, to_state=to_state
        )
        topic.refresh_from_db()
        assert topic.state == to_state
        event = ConsultationEvent.objects.get(consultation=topic, to_state=to_state)
        assert (event.from_state, event.actor) == (from_state, committee)
        assert AuditEvent.objects.filter(
            action=f"consultation.{to_state}", target_id=str(topic.pk)
        ).exists()
    else:
        with pytest.raises(ValidationError):
            topic_services.transition(
                actor=committee, consultation=topic, to_state=to_state
            )
        topic.refresh_from_db()
        assert topic.state == from_state


def test_the_table_is_one_step_forward_along_the_chain_or_decline():
    for i, state in enumerate(CHAIN[:-1]):
        expected = {CHAIN[i + 1]}
        if state == State.PROPOSED:
            expected.add(State.DECLINED)
        assert set(TRANSITIONS[state]) == expected
    assert TRANSITIONS[State.CLOSED] == ()
    assert TRANSITIONS[State.DECLINED] == ()


def test_a_state_is_never_entered_twice_even_bypassing_the_service(community):
    topic = ConsultationFactory(community=community)
    with pytest.raises(IntegrityError):
        ConsultationEvent.objects.create(
            consultation=topic, from_state="", to_state="proposed"
        )


def test_the_whole_chain_through_the_services_logs_every_step_with_who_and_when(
    community, committee, walk
):
    topic = topic_services.open_topic(
        actor=committee, community=community, title="加装电梯", description="..."
    )
    walk(topic, State.CLOSED)
    topic.refresh_from_db()
    assert topic.state == State.CLOSED
    events = list(topic.events.order_by("at", "pk"))
    assert [e.to_state for e in events] == list(CHAIN)
    assert all(e.actor == committee and e.at for e in events)
    assert topic.opinion == "同意增设"
    assert topic.feedback == "已完成"


def test_participants_need_an_affected_party(community, committee, walk):
    topic = topic_services.open_topic(
        actor=committee, community=community, title="t", description="d"
    )
    walk(topic, State.ACCEPTED)
    meeting = walk.meeting(topic)
    meeting_services.invite_participant(
        actor=committee, meeting=meeting, kind="expert", name="王工程师"
    )
    with pytest.raises(ValidationError, match="affected party"):
        topic_services.set_participants(actor=committee, consultation=topic)
    meeting_services.invite_participant(
        actor=committee, meeting=meeting, kind="affected", name="1号楼"
    )
    topic_services.set_participants(actor=committee, consultation=topic)
    assert topic.state == State.PARTICIPANTS_SET


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (deliberation_services.record_opinion, "opinion"),
        (topic_services.publish_feedback, "feedback"),
    ],
)
def test_steps_that_record_text_refuse_an_empty_one(
    community, committee, walk, call, field
):
    topic = topic_services.open_topic(
        actor=committee, community=community, title="t", description="d"
    )
    walk(topic, State.HELD if field == "opinion" else State.IMPLEMENTING)
    before = topic.state
    with pytest.raises(ValidationError):
        call(actor=committee, consultation=topic, **{field: " "})
    topic.refresh_from_db()
    assert topic.state == before


def test_the_overdue_check_runs_hourly_through_the_scheduler(
    community, residents, committee, time_machine_now
):
    from consultation.topics.tasks import notify_overdue_decisions
    from notifications import scheduling

    jobs = {job.name: job for job in scheduling.registered_jobs()}
    assert jobs["consultation.overdue_decisions"].every == datetime.timedelta(hours=1)
    _petition(community, residents)
    time_machine_now.shift(datetime.timedelta(days=16))
    notify_overdue_decisions.enqueue()
    assert Notification.objects.filter(
        recipient=committee, kind="consultation.decision_overdue"
    ).exists()


@pytest.mark.postgres
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the query plan is PostgreSQL's; SQLite's planner is not what production "
    "runs. Run with DATABASE_URL=postgres://... to check it.",
)
def test_the_threshold_counts_verified_adults_from_their_index_alone(
    community, make_resident
):
    """Every support reads the threshold: on PostgreSQL its count is an index-only
    scan of the partial index of verified adults (communities migration 0006)."""
    from consultation.topics import selectors

    for _ in range(5):
        make_resident()
    suggestion = topic_services.post_suggestion(
        author=make_resident(), community=community, title="x", description="y"
    )
    sql, params = selectors.support_counts_query(suggestion)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "membership_verified_adults" in plan, plan
