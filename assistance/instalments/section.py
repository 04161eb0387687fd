"""The "aid in stages and follow-up" section of the oversight dashboards:
instalments due this month, released on time, released late and overdue;
follow-up items open and overdue. Each figure links to the community's list
(`assistance:instalments`, `assistance:followups`) with its filter when one
community is in view and the viewer may list its cases. Two queries whatever
the number of communities."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from assistance.followup import selectors as followups
from assistance.instalments import selectors as instalments
from communities.oversight import Figure, Section, slug_url

INSTALMENT_FIGURES = (
    ("due_month", _("instalments due this month"), "neutral"),
    ("on_time", _("instalments released on time"), "ok"),
    ("late", _("instalments released late"), "warn"),
    ("overdue", _("instalments overdue"), "bad"),
)
FOLLOW_UP_FIGURES = (
    ("open", _("follow-up items open"), "neutral"),
    ("overdue", _("follow-up items overdue"), "bad"),
)


def _lists() -> dict[str, Any]:
    """The community lists behind the figures, one `reverse()` each per call."""
    return {
        name: slug_url(name)
        for name in ("assistance:instalments", "assistance:followups")
    }


def _link(name: str, slug: str | None, show: str, lists: dict[str, Any]) -> str:
    return f"{lists[name](slug)}?show={show}" if slug else ""


def _figures(paid: dict[str, int], plans: dict[str, int], slug: str | None, lists=None):
    lists = lists or _lists()
    figures = [
        Figure(
            key=f"instalments_{key}",
            label=label,
            count=paid.get(key, 0),
            url=_link("assistance:instalments", slug, key, lists),
            tone=tone if tone in ("neutral", "ok") or paid.get(key) else "ok",
        )
        for key, label, tone in INSTALMENT_FIGURES
    ]
    figures += [
        Figure(
            key=f"follow_ups_{key}",
            label=label,
            count=plans.get(key, 0),
            url=_link("assistance:followups", slug, key, lists),
            tone=tone if tone == "neutral" or plans.get(key) else "ok",
        )
        for key, label, tone in FOLLOW_UP_FIGURES
    ]
    return figures


def _may_list(user: Any, community: Any) -> bool:
    return bool(user and user.has_perm("assistance.list_cases", community))


def _counts(rows: list[Any]):
    ids = [c.pk for c in rows]
    return instalments.counts_by_community(ids), followups.counts_by_community(ids)


def figures(communities: Any, user: Any) -> list[Figure]:
    rows = list(communities.order_by("pk"))
    paid, plans = _counts(rows)
    total = {k: sum(c[k] for c in paid.values()) for k in instalments.SHOWS}
    open_ = {k: sum(c[k] for c in plans.values()) for k in followups.SHOWS}
    slug = rows[0].slug if len(rows) == 1 and _may_list(user, rows[0]) else None
    return _figures(total, open_, slug)


def per_community(communities: Any, user: Any) -> dict[int, list[Figure]]:
    rows = list(communities.order_by("pk"))
    paid, plans = _counts(rows)
    lists = _lists()
    return {
        c.pk: _figures(
            paid[c.pk], plans[c.pk], c.slug if _may_list(user, c) else None, lists
        )
        for c in rows
    }


SECTION = Section(
    key="assistance_staged",
    title=_("Aid in stages and follow-up"),
    figures=figures,
    per_community=per_community,
    order=37,
)
