"""Reading reviews and warnings: the lists of a community (one indexed query
each, whatever the number of households), the figures of the dashboards and the
work list (one query each for any number of communities), a case's history."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from accounts.masking import mask_name
from assistance.cases.models import Case
from assistance.monitoring.models import (
    AmountChange,
    EarlyWarning,
    Outcome,
    Review,
    ReviewSchedule,
)

DUE_WITHIN_DAYS = 30


def month_bounds(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    start = today.replace(day=1)
    following = (start + datetime.timedelta(days=32)).replace(day=1)
    return start, following


def schedules(
    community: Any, *, show: str = "soon", today: datetime.date | None = None
) -> QuerySet[ReviewSchedule]:
    """The community's scheduled reviews, overdue first: `soon` (due within 30
    days, overdue included), `overdue`, `month` (due this month) or `all`."""
    today = today or timezone.localdate()
    rows = ReviewSchedule.objects.filter(community=community)
    if show == "overdue":
        rows = rows.filter(due_on__lt=today)
    elif show == "month":
        start, following = month_bounds(today)
        rows = rows.filter(due_on__gte=start, due_on__lt=following)
    elif show != "all":
        rows = rows.filter(due_on__lte=today + datetime.timedelta(days=DUE_WITHIN_DAYS))
    return rows.select_related("case").order_by("due_on", "pk")


def schedule_rows(rows: Any, today: datetime.date | None = None) -> list[dict]:
    today = today or timezone.localdate()
    return [
        {
            "tracking": row.case.tracking_number,
            "name": mask_name(row.case.applicant_name),
            "kind": row.case.get_kind_display(),
            "due_on": row.due_on,
            "overdue": row.due_on < today,
            "days": (row.due_on - today).days,
        }
        for row in rows
    ]


def pending_reviews(community: Any) -> QuerySet[Review]:
    return (
        Review.objects.filter(community=community, outcome=Outcome.PENDING)
        .select_related("case", "recorded_by")
        .order_by("recorded_at", "pk")
    )


def warnings_of(community: Any, *, closed: bool = False) -> QuerySet[EarlyWarning]:
    return (
        EarlyWarning.objects.filter(community=community, closed_at__isnull=not closed)
        .select_related("case", "closed_by")
        .order_by("-closed_at" if closed else "opened_at", "pk")
    )


def review_counts(
    community_ids: list[int], today: datetime.date | None = None
) -> dict[int, dict[str, int]]:
    """Per community: reviews overdue, due this month (not yet overdue), due within
    30 days (overdue included). One query."""
    today = today or timezone.localdate()
    start, following = month_bounds(today)
    soon = today + datetime.timedelta(days=DUE_WITHIN_DAYS)
    rows = (
        ReviewSchedule.objects.filter(
            community_id__in=community_ids, due_on__lte=max(soon, following)
        )
        .values("community_id")
        .annotate(
            overdue=Count("pk", filter=Q(due_on__lt=today)),
            month=Count("pk", filter=Q(due_on__gte=today, due_on__lt=following)),
            soon=Count("pk", filter=Q(due_on__lte=soon)),
        )
        .order_by()
    )
    found = {row.pop("community_id"): row for row in rows}
    empty = {"overdue": 0, "month": 0, "soon": 0}
    return {pk: found.get(pk, empty) for pk in community_ids}


def open_warning_counts(community_ids: list[int]) -> dict[int, int]:
    """Per community: open warnings. One query."""
    rows = (
        EarlyWarning.objects.filter(
            community_id__in=community_ids, closed_at__isnull=True
        )
        .values("community_id")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("community_id", "n")
    )
    found = dict(rows)
    return {pk: found.get(pk, 0) for pk in community_ids}


def review_of(pk: int) -> Review:
    found = (
        Review.objects.select_related("case__community", "recorded_by")
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise Http404
    return found


def warning_of(pk: int) -> EarlyWarning:
    found = (
        EarlyWarning.objects.select_related("case__community", "community")
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise Http404
    return found


def case_history(case: Case) -> dict[str, Any]:
    return {
        "schedule": ReviewSchedule.objects.filter(case=case).first(),
        "reviews": list(
            Review.objects.filter(case=case).select_related("recorded_by", "decided_by")
        ),
        "changes": list(
            AmountChange.objects.filter(case=case).select_related("decided_by")
        ),
        "warnings": list(EarlyWarning.objects.filter(case=case)),
    }
