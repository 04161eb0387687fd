"""The case's state machine (assistance/cases/workflow.py): every allowed move
works and is recorded, every other one is refused and changes nothing."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from assistance.cases.models import CLOSED_STATES, CaseEvent, State
from assistance.cases.workflow import TRANSITIONS, allowed, note_step, transition
from audit.models import AuditEvent

MOVES = [
    pytest.param(action, source, target, id=f"{action} from {source}")
    for action, (sources, target) in TRANSITIONS.items()
    for source in sources
]
REFUSED = [
    pytest.param(action, state, id=f"{action} from {state}")
    for action, (sources, _target) in TRANSITIONS.items()
    for state in State.values
    if state not in sources
]


@pytest.mark.parametrize(("action", "source", "target"), MOVES)
def test_every_move_in_the_table_is_made_and_recorded(
    make_case, officer, action, source, target
):
    case = make_case(source)
    events, audits = CaseEvent.objects.count(), AuditEvent.objects.count()
    assert allowed(case, action)
    moved = transition(case, action, actor=officer, note="内部", public_note="对外")
    case.refresh_from_db()
    assert moved.state == case.state == target
    event = CaseEvent.objects.latest("pk")
    assert (event.case, event.action, event.from_state, event.to_state) == (
        case,
        action,
        source,
        target,
    )
    assert (event.actor, event.note, event.public_note) == (officer, "内部", "对外")
    assert CaseEvent.objects.count() == events + 1
    audit = AuditEvent.objects.latest("pk")
    assert AuditEvent.objects.count() == audits + 1
    assert (audit.action, audit.actor, audit.target_id) == (
        f"assistance.{action}",
        officer,
        str(case.pk),
    )
    assert audit.data["from"] == source and audit.data["to"] == target
    assert audit.community == case.community
    if target in CLOSED_STATES:
        assert case.closed_at is not None
    else:
        assert case.closed_at is None


@pytest.mark.parametrize(("action", "state"), REFUSED)
def test_every_other_move_is_refused_and_changes_nothing(
    make_case, officer, action, state
):
    case = make_case(state)
    events, audits = CaseEvent.objects.count(), AuditEvent.objects.count()
    assert not allowed(case, action)
    with pytest.raises(ValidationError) as refused:
        transition(case, action, actor=officer)
    assert refused.value.code == "wrong_state"
    case.refresh_from_db()
    assert case.state == state
    assert CaseEvent.objects.count() == events
    assert AuditEvent.objects.count() == audits


def test_no_step_can_be_skipped(make_case, officer):
    case = make_case("accepted")
    for action in ("review", "publish", "confirm", "refuse"):
        with pytest.raises(ValidationError):
            transition(case, action, actor=officer)
    case.refresh_from_db()
    assert case.state == State.ACCEPTED


def test_a_stale_copy_is_checked_against_the_stored_state(make_case, officer):
    case = make_case("publicity")
    stale = type(case).objects.get(pk=case.pk)
    transition(case, "confirm", actor=officer)
    with pytest.raises(ValidationError):
        transition(stale, "refuse", actor=officer)
    case.refresh_from_db()
    assert case.state == State.CONFIRMED


def test_an_appeal_reopens_a_refused_case(make_case, applicant):
    case = make_case("refused")
    assert case.closed_at is not None
    transition(case, "appeal", actor=applicant)
    case.refresh_from_db()
    assert (case.state, case.closed_at) == (State.APPEALED, None)


def test_the_history_of_a_walked_case_is_every_step_in_order(make_case):
    case = make_case("confirmed")
    assert list(case.events.values_list("action", flat=True)) == [
        "submit",
        "accept",
        "investigate",
        "review",
        "publish",
        "confirm",
    ]


def test_an_anonymous_actor_is_recorded_as_nobody(make_case):
    from django.contrib.auth.models import AnonymousUser

    case = make_case("draft", applicant=None, household=None)
    transition(case, "submit", actor=AnonymousUser())
    assert CaseEvent.objects.latest("pk").actor is None
    assert AuditEvent.objects.latest("pk").actor is None


def test_note_step_records_without_moving(make_case, coordinator):
    case = make_case("accepted")
    note_step(case, "visit", actor=coordinator, note="入户", public_note="已入户调查")
    case.refresh_from_db()
    assert case.state == State.ACCEPTED
    event = CaseEvent.objects.latest("pk")
    assert (event.action, event.from_state, event.to_state) == (
        "visit",
        State.ACCEPTED,
        State.ACCEPTED,
    )
    assert AuditEvent.objects.filter(
        action="assistance.visit", actor=coordinator
    ).exists()


def test_the_refusal_message_is_translated(make_case, officer):
    from django.utils import translation

    case = make_case("draft")
    with translation.override("zh-hans"), pytest.raises(ValidationError) as refused:
        transition(case, "confirm", actor=officer)
    assert "草稿" in refused.value.messages[0]
