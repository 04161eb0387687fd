"""When each recipient is next reviewed (动态管理): 低保 every
`review_months_minimum_living` months, every `review_months_able_to_work`
where a member can work; 特困 every `review_months_special_hardship`; counted
from the confirmation or the last review. Kept in `ReviewSchedule` rows."""

from __future__ import annotations

import calendar
import datetime
from typing import Any

from django.utils import timezone

from assistance.cases.models import Case, Kind, State
from assistance.monitoring.models import ReviewSchedule
from assistance.standards.selectors import district_of, settings_for

RECIPIENT_KINDS = (Kind.MINIMUM_LIVING, Kind.SPECIAL_HARDSHIP)
# Low-income households are not paid but are watched for warnings and reviewed
# when something changes.
REVIEWABLE_KINDS = (*RECIPIENT_KINDS, Kind.LOW_INCOME)


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later (the month's last day when it is shorter)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def cycle_months(case: Case, conf: Any) -> int:
    if case.kind == Kind.SPECIAL_HARDSHIP:
        return conf.review_months_special_hardship
    if any(member.able_to_work for member in case.members.all()):
        return conf.review_months_able_to_work
    return conf.review_months_minimum_living


def confirmed_on(case: Case) -> datetime.date:
    moment = case.decided_at or case.closed_at or timezone.now()
    return timezone.localdate(moment)


def schedule_review(
    case: Case, *, counted_from: datetime.date | None = None
) -> ReviewSchedule | None:
    """Set (or clear) the case's next review; returns the schedule, if any."""
    if case.state != State.CONFIRMED or case.kind not in RECIPIENT_KINDS:
        ReviewSchedule.objects.filter(case=case).delete()
        return None
    counted_from = counted_from or confirmed_on(case)
    months = cycle_months(case, settings_for(district_of(case.community)))
    schedule, _created = ReviewSchedule.objects.update_or_create(
        case=case,
        defaults={
            "community_id": case.community_id,
            "due_on": add_months(counted_from, months),
            "cycle_months": months,
            "counted_from": counted_from,
        },
    )
    return schedule


def ensure_schedules() -> int:
    """Schedule every recipient that has no schedule yet (daily; returns how many)."""
    missing = (
        Case.objects.filter(
            state=State.CONFIRMED,
            kind__in=RECIPIENT_KINDS,
            review_schedule__isnull=True,
        )
        .select_related("community__street__parent")
        .prefetch_related("members")
    )
    count = 0
    for case in missing.iterator(chunk_size=500):
        schedule_review(case)
        count += 1
    return count


def on_case_event(sender: Any, instance: Any, created: bool, **kwargs: Any) -> None:
    """A confirmed recipient gets its first review date (post_save of CaseEvent)."""
    if created and instance.action == "confirm":
        schedule_review(instance.case, counted_from=timezone.localdate(instance.at))
