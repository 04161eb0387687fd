"""Reads of follow-up items: a case's plan, the community's items due (work list
and list page) and the dashboard counts; a fixed number of queries each."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from assistance.followup.models import FollowUpItem

SHOWS = ("open", "overdue", "done")
SOON_DAYS = 7


def filters(today: datetime.date | None = None) -> dict[str, Q]:
    today = today or timezone.localdate()
    return {
        "open": Q(done_at__isnull=True),
        "overdue": Q(done_at__isnull=True, due_on__lt=today),
        "done": Q(done_at__isnull=False),
    }


def plan(case: Any) -> list[FollowUpItem]:
    return list(
        FollowUpItem.objects.filter(case=case).select_related("owner", "done_by")
    )


def community_list(community: Any, show: str) -> QuerySet[FollowUpItem]:
    show = show if show in SHOWS else "open"
    order = ("-done_at",) if show == "done" else ("due_on", "pk")
    return (
        FollowUpItem.objects.filter(filters()[show], case__community=community)
        .select_related("case", "owner")
        .order_by(*order)
    )


def due_soon(community: Any) -> list[FollowUpItem]:
    """Open items of the community due within a week or overdue (one query)."""
    soon = timezone.localdate() + datetime.timedelta(days=SOON_DAYS)
    return list(
        FollowUpItem.objects.filter(
            done_at__isnull=True, case__community=community, due_on__lte=soon
        )
        .select_related("case", "owner")
        .order_by("due_on", "pk")
    )


def counts_by_community(community_ids: list[int]) -> dict[int, dict[str, int]]:
    rows = (
        FollowUpItem.objects.filter(case__community_id__in=community_ids)
        .values("case__community_id")
        .annotate(**{key: Count("pk", filter=q) for key, q in filters().items()})
        .order_by()
    )
    counts = {row.pop("case__community_id"): row for row in rows}
    for pk in community_ids:
        counts.setdefault(pk, dict.fromkeys(SHOWS, 0))
    return counts
