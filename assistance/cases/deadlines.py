"""Deadlines in working days (standards.workdays): the decision is due 25
working days after acceptance (15 for 临时救助; 40 with a recorded reason);
confirmation 10 working days after a 公示 without objection; a refusal is
notified within 3 working days. Numbers from the district's settings."""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from assistance.cases.models import Case, Kind, State
from assistance.standards.selectors import district_of, settings_for
from assistance.standards.workdays import Calendar

DEADLINE_STATES = (
    State.ACCEPTED,
    State.INVESTIGATED,
    State.APPRAISED,
    State.REVIEWED,
    State.PUBLICITY,
)


def calendar_of(case: Case) -> Calendar:
    return Calendar(district_of(case.community).pk)


def decision_due(
    case: Case, accepted_on: datetime.date, *, extended: bool = False
) -> datetime.date:
    """When the 审核确认 is due for a case accepted on `accepted_on`."""
    district = district_of(case.community)
    policy = settings_for(district)
    if extended:
        days = policy.extended_working_days
    elif case.kind == Kind.TEMPORARY:
        days = policy.temporary_working_days
    else:
        days = policy.decision_working_days
    return Calendar(district.pk).add(accepted_on, days)


def overdue(cases: QuerySet[Case], on: datetime.date | None = None) -> QuerySet[Case]:
    """Open cases past their decision date."""
    on = on or timezone.localdate()
    return cases.filter(Q(state__in=DEADLINE_STATES), decision_due__lt=on)


def working_days_left(case: Case, on: datetime.date | None = None) -> int | None:
    """Working days until the decision is due (negative when overdue)."""
    if case.decision_due is None:
        return None
    on = on or timezone.localdate()
    calendar = calendar_of(case)
    if case.decision_due >= on:
        return calendar.between(on, case.decision_due)
    return -calendar.between(case.decision_due, on)
