"""The reports' figures on the oversight dashboards (communities.oversight):
received this year, answered in time, overdue, escalated, the median hours from
report to visit. Each links to the community's filtered report list when one
community is in view and the viewer may list its reports. Two queries whatever
the number of communities or reports."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from assistance.discovery.selectors import dashboard_counts, year_start
from communities.oversight import Figure, Section


def _url(community: Any, user: Any, **filters: Any) -> str:
    if community is None or not (
        user and user.has_perm("assistance.list_reports", community)
    ):
        return ""
    base = reverse("assistance:reports", args=[community.slug])
    return f"{base}?{urlencode(filters)}"


def _figures(counts: dict[str, Any], community: Any, user: Any) -> list[Figure]:
    year = year_start().year
    overdue = counts["overdue"]
    figures = [
        Figure(
            key="reports_received",
            label=_("reports of households in difficulty this year"),
            count=counts["received"],
            url=_url(community, user, year=year),
        ),
        Figure(
            key="reports_in_time",
            label=_("reports visited in time"),
            count=counts["in_time"],
            url=_url(community, user, status="in_time", year=year),
            tone="ok",
        ),
        Figure(
            key="reports_overdue",
            label=_("reports overdue for a visit"),
            count=overdue,
            url=_url(community, user, status="overdue"),
            tone="bad" if overdue else "ok",
        ),
        Figure(
            key="reports_escalated",
            label=_("reports escalated to the street"),
            count=counts["escalated"],
            url=_url(community, user, status="escalated", year=year),
            tone="warn" if counts["escalated"] else "neutral",
        ),
    ]
    if counts["median_hours"] is not None:
        figures.append(
            Figure(
                key="reports_median_hours",
                label=_("median hours from report to visit"),
                count=counts["median_hours"],
                url=_url(community, user, status="handled", year=year),
            )
        )
    return figures


def figures(communities: Any, user: Any) -> list[Figure]:
    rows = list(communities.only("pk", "slug", "street_id"))
    community = rows[0] if len(rows) == 1 else None
    return _figures(dashboard_counts([c.pk for c in rows]), community, user)


SECTION = Section(
    key="assistance_discovery",
    title=_("Reports of households in difficulty"),
    figures=figures,
    order=36,
)
