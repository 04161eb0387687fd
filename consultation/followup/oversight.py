"""The oversight section "followups": open and overdue follow-up items."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from communities.oversight import Figure, Section, slug_url
from consultation.followup.models import FollowUpItem


def _counts(communities: Any) -> dict[int, dict[str, int]]:

    today = timezone.localdate()
    rows = (
        FollowUpItem.objects.open()
        .filter(community__in=communities)
        .values("community")
        .annotate(
            open=Count("pk"),
            overdue=Count("pk", filter=Q(due_on__lt=today)),
        )
    )
    return {r["community"]: {"open": r["open"], "overdue": r["overdue"]} for r in rows}


def _figures(url: str, counts: dict[str, int]) -> list[Any]:
    """The figures, linked to `url` (a community's follow-ups) or not ("")."""
    return [
        Figure(key="open", label=_("open follow-ups"), count=counts["open"], url=url),
        Figure(
            key="overdue",
            label=_("overdue follow-ups"),
            count=counts["overdue"],
            url=f"{url}?status=overdue" if url else "",
            tone="bad" if counts["overdue"] else "ok",
        ),
    ]


def followup_figures(communities: Any, user: Any) -> list[Any]:
    """Totals over the communities in view; linked when they are one community."""
    counts = _counts(communities)
    total = {
        "open": sum(c["open"] for c in counts.values()),
        "overdue": sum(c["overdue"] for c in counts.values()),
    }
    slugs = list(communities.values_list("slug", flat=True)[:2])
    url = reverse("consultation:followups", args=slugs) if len(slugs) == 1 else ""
    return _figures(url, total)


def followup_per_community(communities: Any, user: Any) -> dict[int, list[Any]]:
    counts = _counts(communities)
    url = slug_url("consultation:followups")
    return {
        pk: _figures(url(slug), counts.get(pk, {"open": 0, "overdue": 0}))
        for pk, slug in communities.values_list("pk", "slug")
    }


SECTION = Section(
    key="followups",
    title=_("Consultation follow-ups"),
    figures=followup_figures,
    per_community=followup_per_community,
    order=40,
)
