"""assistance.instalments.demo: a staged 临时救助 half paid (one instalment
released on time, one due) and a follow-up plan with one item done and one
overdue; idempotent."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from assistance.followup.models import FollowUpItem
from assistance.instalments.models import Instalment, InstalmentState

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_staged_decision_half_paid_and_a_follow_up_plan(seeded):
    rows = list(Instalment.objects.order_by("position"))
    assert [r.state for r in rows] == [
        InstalmentState.RELEASED,
        InstalmentState.SCHEDULED,
    ]
    assert sum(r.amount for r in rows) == rows[0].case.monthly_amount
    assert rows[0].released_at.date() <= rows[0].due_on
    items = list(FollowUpItem.objects.filter(case=rows[0].case))
    assert sorted((i.is_done, i.is_overdue) for i in items) == [
        (False, True),
        (True, False),
    ]


def test_seeding_twice_adds_nothing(seeded):
    counts = (Instalment.objects.count(), FollowUpItem.objects.count())
    call_command("seed_demo", "--force", verbosity=0)
    assert (Instalment.objects.count(), FollowUpItem.objects.count()) == counts
