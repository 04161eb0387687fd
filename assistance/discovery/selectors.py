"""Reads of reports: who sees which, the list with its filters, the work-list
rows and the dashboard counts (a fixed number of queries whatever the size)."""

from __future__ import annotations

import datetime
import statistics
from typing import Any

from django.db.models import Case as When_
from django.db.models import Count, F, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone

from assistance.discovery.models import Report
from communities.roles.rules import (
    is_aid_coordinator,
    is_aid_officer_for,
    is_aid_supervisor_for,
)

STATUSES = ("waiting", "overdue", "escalated", "handled", "in_time")


def visible_reports(user: Any, community: Any) -> QuerySet[Report]:
    """The community's reports this person may read: all for its coordinators and
    the district's supervisors, the escalated ones for the street's officers."""
    reports = Report.objects.filter(community=community)
    if is_aid_coordinator(user, community) or is_aid_supervisor_for(user, community):
        return reports
    if is_aid_officer_for(user, community):
        return reports.filter(escalated_at__isnull=False)
    return reports.none()


def year_start(today: datetime.date | None = None) -> datetime.datetime:
    today = today or timezone.localdate()
    first = datetime.date(today.year, 1, 1)
    return timezone.make_aware(datetime.datetime.combine(first, datetime.time.min))


def filtered(reports: QuerySet[Report], *, status: str = "", year: int | None = None):
    """The list behind a figure: a status of STATUSES and/or a year of filing."""
    now = timezone.now()
    if status == "waiting":
        reports = reports.waiting()
    elif status == "overdue":
        reports = reports.overdue(now)
    elif status == "escalated":
        reports = reports.filter(escalated_at__isnull=False)
    elif status == "handled":
        reports = reports.filter(handled_at__isnull=False)
    elif status == "in_time":
        reports = reports.filter(visited_at__lte=F("visit_due"))
    if year:
        reports = reports.filter(created_at__year=year)
    return reports


def in_list_order(reports: QuerySet[Report]) -> QuerySet[Report]:
    """Waiting first, the most overdue at the top; then handled, newest first."""
    return reports.annotate(
        _done=When_(
            When(visited_at__isnull=True, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
    ).order_by("_done", "visit_due", "-created_at", "pk")


def waiting_for_visit(community: Any, limit: int = 20) -> tuple[list[Report], int, int]:
    """(the first waiting reports, how many wait, how many are overdue): two queries."""
    now = timezone.now()
    counts = Report.objects.filter(community=community).aggregate(
        waiting=Count("pk", filter=Q(visited_at__isnull=True)),
        overdue=Count("pk", filter=Q(visited_at__isnull=True, visit_due__lt=now)),
    )
    rows = list(
        Report.objects.filter(community=community)
        .waiting()
        .only("pk", "reference", "urgency", "created_at", "visit_due", "escalated_at")
        .order_by("visit_due", "pk")[:limit]
    )
    return rows, counts["waiting"], counts["overdue"]


def dashboard_counts(community_ids: list[int]) -> dict[str, Any]:
    """Reports received this year, answered in time, overdue now, escalated
    this year and the median hours from report to visit: two queries."""
    now = timezone.now()
    since = year_start()
    reports = Report.objects.filter(community_id__in=community_ids)
    this_year = Q(created_at__gte=since)
    counts = reports.aggregate(
        received=Count("pk", filter=this_year),
        in_time=Count("pk", filter=this_year & Q(visited_at__lte=F("visit_due"))),
        overdue=Count("pk", filter=Q(visited_at__isnull=True, visit_due__lt=now)),
        escalated=Count("pk", filter=this_year & Q(escalated_at__isnull=False)),
    )
    spans = [
        (visited - made).total_seconds() / 3600
        for made, visited in reports.filter(this_year, visited_at__isnull=False)
        .values_list("created_at", "visited_at")
        .iterator()
    ]
    counts["median_hours"] = round(statistics.median(spans)) if spans else None
    return counts


def reports_of(user: Any) -> QuerySet[Report]:
    """The reports this person filed (their personal-data export)."""
    return Report.objects.filter(reporter=user).select_related("community")
