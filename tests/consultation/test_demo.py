"""The consultation demo: several states, idempotent."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from consultation.models import Ballot, Consultation, Meeting, Motion, State, Suggestion

pytestmark = pytest.mark.django_db


def _counts():
    return {
        model.__name__: model.objects.count()
        for model in (Consultation, Suggestion, Meeting, Motion, Ballot)
    }


def test_seed_demo_adds_consultations_in_several_states_and_is_idempotent():
    call_command("seed_demo", "--force", stdout=io.StringIO())
    states = set(Consultation.objects.values_list("state", flat=True))
    assert {
        State.PROPOSED,
        State.ACCEPTED,
        State.NOTICE_PUBLISHED,
        State.OPINION_RECORDED,
        State.IMPLEMENTING,
        State.CLOSED,
        State.DECLINED,
    } <= states
    assert Suggestion.objects.filter(status="open").exists()
    assert any(c.is_decision_overdue for c in Consultation.objects.all())
    closed = Motion.objects.get(
        status="closed", agenda_item__meeting__consultation__title="健身器材更新"
    )
    assert closed.result["turnout"] > 0
    ready = Meeting.objects.get(consultation__title="楼道堆物清理")
    assert ready.notice_published_at and ready.agenda_items.count() == 2
    first = _counts()
    call_command("seed_demo", "--force", stdout=io.StringIO())
    assert _counts() == first
