"""assistance.monitoring.demo: reviews due and overdue, a review waiting for the
street's decision, warnings (income fell, elderly person living alone); seeding
twice adds nothing."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.utils import timezone

from assistance.cases.models import Case
from assistance.monitoring.models import (
    AmountChange,
    EarlyWarning,
    Review,
    ReviewSchedule,
)

pytestmark = pytest.mark.django_db(transaction=False)


def test_the_demo_has_reviews_due_and_overdue_and_warnings(seeded):
    today = timezone.localdate()
    schedules = ReviewSchedule.objects.all()
    assert schedules.filter(due_on__lt=today, community__slug="heping").exists()
    assert schedules.filter(due_on__gte=today).exists()
    assert Review.objects.filter(outcome="pending").count() == 1
    reasons = set(
        EarlyWarning.objects.filter(closed_at=None).values_list("reason", flat=True)
    )
    assert {"income_drop", "alone_no_visit"} <= reasons


def test_seeding_twice_adds_nothing(seeded):
    models = (Case, ReviewSchedule, Review, AmountChange, EarlyWarning)
    counts = [m.objects.count() for m in models]
    call_command("seed_demo", "--force", verbosity=0)
    assert [m.objects.count() for m in models] == counts
