"""Consultation figures for the oversight dashboards (communities.oversight registry)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from communities.oversight import Figure, Section, slug_url
from consultation.topics.models import State

IN_PROGRESS = [
    State.ACCEPTED,
    State.PARTICIPANTS_SET,
    State.NOTICE_PUBLISHED,
    State.HELD,
    State.OPINION_RECORDED,
    State.IMPLEMENTING,
    State.FEEDBACK_PUBLISHED,
]


def _counts(communities: Any) -> Any:
    now = timezone.now()
    return communities.annotate(
        gz_overdue=Count(
            "consultations",
            filter=Q(
                consultations__state=State.PROPOSED,
                consultations__decision_due_at__lt=now,
            ),
        ),
        gz_in_progress=Count(
            "consultations", filter=Q(consultations__state__in=IN_PROGRESS)
        ),
    ).values_list("pk", "slug", "gz_overdue", "gz_in_progress")


def _figures(overdue: int, in_progress: int, url: str = "") -> list[Figure]:
    return [
        Figure(
            key="decision_overdue",
            label=_("topics waiting past their decision date"),
            count=overdue,
            url=f"{url}?state=proposed" if url else "",
            tone="bad" if overdue else "ok",
        ),
        Figure(
            key="in_progress",
            label=_("consultations in progress"),
            count=in_progress,
            url=url,
        ),
    ]


def figures(communities: Any, user: Any) -> list[Figure]:
    rows = list(_counts(communities))
    # Linked when they are one community's (there is no list across communities).
    url = reverse("consultation:list", args=[rows[0][1]]) if len(rows) == 1 else ""
    return _figures(sum(r[2] for r in rows), sum(r[3] for r in rows), url)


def per_community(communities: Any, user: Any) -> dict[int, list[Figure]]:
    list_url = slug_url("consultation:list")
    return {
        pk: _figures(overdue, progress, list_url(slug))
        for pk, slug, overdue, progress in _counts(communities)
    }


SECTION = Section(
    key="consultation",
    title=_("Consultation"),
    figures=figures,
    per_community=per_community,
    order=30,
)
