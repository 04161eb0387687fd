"""Reads of reports: a project's reports, who is told of a new one, and the
overdue reports of the communities a committee member or officer oversees.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.utils import timezone

from accounts.mfa import has_totp
from charity.donations.models import Donation
from charity.projects.models import Follow, Project
from charity.reports import schedule
from charity.reports.models import Report
from communities.models import Community, Role
from communities.rules import is_platform_admin, overseen_region_ids
from communities.selectors import active_grants_of


def reports_of(project: Project) -> list[Report]:
    return list(
        Report.objects.filter(project=project)
        .prefetch_related("attachments")
        .order_by("-filed_at", "-pk")
    )


def overseen_communities(user: Any) -> QuerySet:
    """Communities whose overdue reports the person may see (two queries at most)."""
    if not getattr(user, "is_authenticated", False):
        return Community.objects.none()
    if is_platform_admin(user):
        return Community.objects.all()
    committee = []
    if has_totp(user):
        committee = list(
            active_grants_of(user)
            .filter(role=Role.COMMITTEE, community__isnull=False)
            .values_list("community_id", flat=True)
        )
    regions = overseen_region_ids(user)
    return Community.objects.filter(
        Q(pk__in=committee)
        | Q(street_id__in=regions)
        | Q(street__parent_id__in=regions)
    )


def overdue_reports(
    communities: QuerySet, on: datetime.date | None = None
) -> list[dict[str, Any]]:
    """Missing reports past their due date in these communities: two queries."""
    on = on or timezone.localdate()
    projects = list(
        Project.objects.filter(
            community__in=communities, status__in=schedule.OWING_STATUSES
        )
        .select_related("community", "organisation")
        .order_by("community__name", "ends_on", "pk")
    )
    reports: dict[int, list[Report]] = {}
    for report in Report.objects.filter(
        project__in=[p.pk for p in projects],
        kind__in=[Report.Kind.PROGRESS, Report.Kind.FINAL],
    ).only("project_id", "kind", "sequence", "filed_at"):
        reports.setdefault(report.project_id, []).append(report)
    rows = []
    for project in projects:
        for due in schedule.overdue(project, reports.get(project.pk, []), on):
            rows.append(
                {"project": project, "due": due, "days": (on - due.due_on).days}
            )
    return rows


def overdue_counts(
    communities: QuerySet, on: datetime.date | None = None
) -> dict[int, int]:
    counts: dict[int, int] = {}
    for row in overdue_reports(communities, on):
        counts[row["project"].community_id] = (
            counts.get(row["project"].community_id, 0) + 1
        )
    return counts


def report_recipients(project: Project) -> list[Any]:
    """Donors (of any pledge or donation with an account) and followers."""
    donor_ids = Donation.objects.filter(project=project, donor__isnull=False).values(
        "donor_id"
    )
    follower_ids = Follow.objects.filter(project=project).values("user_id")
    return list(
        get_user_model().objects.filter(pk__in=donor_ids)
        | get_user_model().objects.filter(pk__in=follower_ids)
    )
