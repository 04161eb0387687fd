"""The figures of periodic review and early warning: the oversight dashboards'
section ("assistance_monitoring": reviews due this month, overdue, warnings
open; two queries whatever the number of communities) and the coordinator's work
list sections (reviews due within 30 days, overdue first; open warnings)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from assistance.monitoring import selectors
from communities.oversight import Figure, Section, slug_url

WORK_ROWS = 10


LISTS = ("reviews", "warnings")


def _lists() -> dict[str, Any]:
    """The community lists behind the figures, one `reverse()` each per call."""
    return {name: slug_url(f"assistance:{name}") for name in LISTS}


def _link(
    user: Any, community: Any, name: str, perm: str, query: str = "", lists=None
) -> str:
    if community is None or not (user and user.has_perm(perm, community)):
        return ""
    return (lists or _lists())[name](community.slug) + query


def _figures(
    reviews: dict[str, int], warnings: int, user: Any, community: Any, lists=None
) -> list[Figure]:
    overdue = reviews["overdue"]
    lists = lists or (_lists() if community is not None else None)
    return [
        Figure(
            key="assistance_reviews_month",
            label=_("reviews due this month"),
            count=reviews["month"],
            url=_link(
                user,
                community,
                "reviews",
                "assistance.list_cases",
                "?show=month",
                lists,
            ),
        ),
        Figure(
            key="assistance_reviews_overdue",
            label=_("reviews overdue"),
            count=overdue,
            url=_link(
                user,
                community,
                "reviews",
                "assistance.list_cases",
                "?show=overdue",
                lists,
            ),
            tone="bad" if overdue else "ok",
        ),
        Figure(
            key="assistance_warnings_open",
            label=_("early warnings open"),
            count=warnings,
            url=_link(
                user, community, "warnings", "assistance.view_warnings", "", lists
            ),
            tone="warn" if warnings else "ok",
        ),
    ]


def figures(communities: Any, user: Any) -> list[Figure]:
    rows = list(communities.order_by("pk"))
    ids = [c.pk for c in rows]
    reviews = selectors.review_counts(ids)
    warnings = selectors.open_warning_counts(ids)
    totals = {
        key: sum(counts[key] for counts in reviews.values())
        for key in ("overdue", "month", "soon")
    }
    single = rows[0] if len(rows) == 1 else None
    return _figures(totals, sum(warnings.values()), user, single)


def per_community(communities: Any, user: Any) -> dict[int, list[Figure]]:
    rows = list(communities.order_by("pk"))
    ids = [c.pk for c in rows]
    reviews = selectors.review_counts(ids)
    warnings = selectors.open_warning_counts(ids)
    lists = _lists()
    return {c.pk: _figures(reviews[c.pk], warnings[c.pk], user, c, lists) for c in rows}


SECTION = Section(
    key="assistance_monitoring",
    title=_("Periodic review and early warning"),
    figures=figures,
    per_community=per_community,
    order=37,
)


def reviews_work(user: Any, community: Any) -> dict[str, Any] | None:
    """Reviews due within 30 days (overdue first) and waiting for a decision."""
    if not user.has_perm("assistance.list_cases", community):
        return None
    counts = selectors.review_counts([community.pk])[community.pk]
    pending = selectors.pending_reviews(community)
    return {
        "rows": selectors.schedule_rows(
            selectors.schedules(community, show="soon")[:WORK_ROWS]
        ),
        "waiting": counts["soon"],
        "overdue": counts["overdue"],
        "pending": list(pending[:WORK_ROWS]),
        "list_url": reverse("assistance:reviews", args=[community.slug]),
    }


def warnings_work(user: Any, community: Any) -> dict[str, Any] | None:
    if not user.has_perm("assistance.view_warnings", community):
        return None
    rows = list(selectors.warnings_of(community)[:WORK_ROWS])
    count = selectors.open_warning_counts([community.pk])[community.pk]
    return {
        "rows": rows,
        "waiting": count,
        "overdue": 0,
        "list_url": reverse("assistance:warnings", args=[community.slug]),
    }
