"""Reads of instalments: a case's schedule, the community's instalments due
(work list and list page) and the dashboard counts. Each runs a fixed number of
queries whatever the number of cases."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from assistance.cases.models import State
from assistance.instalments.models import Instalment, InstalmentState
from assistance.instalments.services import RELEASE_WINDOW_DAYS

SCHEDULED = InstalmentState.SCHEDULED
RELEASED = InstalmentState.RELEASED
# The list page's filters (the dashboard's figures link to them).
SHOWS = ("pending", "due_month", "on_time", "late", "overdue")


def month_bounds(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    first = today.replace(day=1)
    following = (first + datetime.timedelta(days=32)).replace(day=1)
    return first, following


def filters(today: datetime.date | None = None) -> dict[str, Q]:
    """What each figure and list filter means (on Instalment)."""
    today = today or timezone.localdate()
    first, following = month_bounds(today)
    confirmed = Q(case__state=State.CONFIRMED)
    return {
        "pending": confirmed & Q(state=SCHEDULED),
        "due_month": confirmed & Q(due_on__gte=first, due_on__lt=following),
        "on_time": Q(state=RELEASED, released_at__date__lte=F("due_on")),
        "late": Q(state=RELEASED, released_at__date__gt=F("due_on")),
        "overdue": confirmed & Q(state=SCHEDULED, due_on__lt=today),
    }


def schedule(case: Any) -> list[Instalment]:
    return list(
        Instalment.objects.filter(case=case).select_related("released_by", "ended_by")
    )


def community_list(community: Any, show: str) -> QuerySet[Instalment]:
    show = show if show in SHOWS else "pending"
    return (
        Instalment.objects.filter(filters()[show], case__community=community)
        .select_related("case")
        .order_by("due_on", "case_id", "position")
    )


def due_for_release(community: Any) -> list[Instalment]:
    """Instalments of the community that can be released now (from a week
    before their date), overdue first (one query)."""
    soon = timezone.localdate() + datetime.timedelta(days=RELEASE_WINDOW_DAYS)
    return list(
        Instalment.objects.filter(
            filters()["pending"], case__community=community, due_on__lte=soon
        )
        .select_related("case")
        .order_by("due_on", "case_id", "position")
    )


def counts_by_community(community_ids: list[int]) -> dict[int, dict[str, int]]:
    """Per community: each figure's count (one query)."""
    rows = (
        Instalment.objects.filter(case__community_id__in=community_ids)
        .values("case__community_id")
        .annotate(**{key: Count("pk", filter=q) for key, q in filters().items()})
        .order_by()
    )
    counts = {row.pop("case__community_id"): row for row in rows}
    for pk in community_ids:
        counts.setdefault(pk, dict.fromkeys(SHOWS, 0))
    return counts
