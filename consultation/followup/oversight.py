"""The oversight section "followups": open and overdue follow-up items."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from communities.oversight import Figure, Section
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


def _figures(community_slug: str | None, counts: dict[str, int]) -> list[Any]:

    url = ""
    if community_slug:
        url = reverse("consultation:followups", args=[community_slug])
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
    return _figures(slugs[0] if len(slugs) == 1 else None, total)


def followup_per_community(communities: Any, user: Any) -> dict[int, list[Any]]:
    counts = _counts(communities)
    return {
        pk: _figures(slug, counts.get(pk, {"open": 0, "overdue": 0}))
        for pk, slug in communities.values_list("pk", "slug")
    }


SECTION = Section(
    key="followups",
    title=_("Consultation follow-ups"),
    figures=followup_figures,
    per_community=followup_per_community,
    order=40,
)
