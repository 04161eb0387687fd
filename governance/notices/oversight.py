"""Governance figures on the oversight dashboards (communities.oversight): notices.

Per community, over the last 12 months: notices published, scheduled (approved to
go live later) and expired. Each number links to /oversight/notices/?state=...,
a list of those notices across the communities the viewer oversees, filtered by
community. Two queries per provider call, whatever the number of communities.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import CharField, Count, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Cast, Substr
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail.models import Revision

from communities import oversight
from governance.notices.pages import NoticeIndexPage, NoticePage

YEAR = datetime.timedelta(days=365)
STATES = ("published", "scheduled", "expired")
LABELS = {
    "published": _("published in the last 12 months"),
    "scheduled": _("scheduled to go live"),
    "expired": _("expired in the last 12 months"),
}
TONES = {"published": "ok", "scheduled": "neutral", "expired": "neutral"}


def state_filter(state: str, now: datetime.datetime | None = None) -> Q:
    """Which notices count as published, scheduled or expired (last 12 months)."""
    now = now or timezone.now()
    since = now - YEAR
    if state == "published":
        return Q(live=True, first_published_at__gte=since) & (
            Q(expire_at__isnull=True) | Q(expire_at__gt=now)
        )
    if state == "scheduled":
        approved = Revision.objects.filter(
            content_type_id=OuterRef("content_type_id"),
            object_id=Cast(OuterRef("pk"), output_field=CharField()),
            approved_go_live_at__isnull=False,
        )
        return Q(live=False, expired=False, go_live_at__gt=now) & Q(Exists(approved))
    if state == "expired":
        return (Q(expired=True) | Q(live=True, expire_at__lte=now)) & Q(
            expire_at__gte=since
        )
    raise ValueError(state)


def notice_indexes(communities: Any) -> dict[str, int]:
    """Notice index path -> community id, for the communities (one query)."""

    return dict(
        NoticeIndexPage.objects.filter(community__in=communities).values_list(
            "path", "community_id"
        )
    )


def notices_under(paths: list[str]) -> QuerySet:
    """Notices whose parent is one of the index paths, annotated with `parent_path`."""

    if not paths:
        return NoticePage.objects.none()
    length = len(paths[0])
    return NoticePage.objects.annotate(parent_path=Substr("path", 1, length)).filter(
        parent_path__in=paths, depth=length // NoticePage.steplen + 1
    )


def _counts(communities: Any) -> dict[int, dict[str, int]]:
    by_path = notice_indexes(communities)
    if not by_path:
        return {}
    now = timezone.now()
    rows = (
        notices_under(list(by_path))
        .values("parent_path")
        .annotate(
            **{state: Count("pk", filter=state_filter(state, now)) for state in STATES}
        )
    )
    counts: dict[int, dict[str, int]] = {}
    for row in rows:
        found = counts.setdefault(by_path[row["parent_path"]], dict.fromkeys(STATES, 0))
        for state in STATES:
            found[state] += row[state]
    return counts


def list_url(state: str, community: Any = None) -> str:
    query = {"state": state}
    if community is not None:
        query["community"] = community.slug
    return f"{reverse('governance:oversight-notices')}?{urlencode(query)}"


def _figures(counts: dict[str, int], urls: dict[str, str]) -> list[oversight.Figure]:
    return [
        oversight.Figure(
            key=state,
            label=LABELS[state],
            count=counts.get(state, 0),
            url=urls[state],
            tone=TONES[state],
        )
        for state in STATES
    ]


def figures(communities: Any, user: Any) -> list[oversight.Figure]:
    totals = dict.fromkeys(STATES, 0)
    for counts in _counts(communities).values():
        for state in STATES:
            totals[state] += counts[state]
    return _figures(totals, {state: list_url(state) for state in STATES})


def per_community(communities: Any, user: Any) -> dict[int, list[oversight.Figure]]:
    # The dashboard narrows each link to its community (`?community=<slug>`).
    urls = {state: list_url(state) for state in STATES}
    return {pk: _figures(counts, urls) for pk, counts in _counts(communities).items()}
