"""The charity section of the oversight dashboards (communities/oversight.py).

Figures: reports overdue (tone "bad" when any) and public projects, each linking
to the list of the items behind it, filtered to the communities in view. A fixed
number of queries whatever the number of communities, projects or reports.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from charity.projects.selectors import listed_projects, public_project_count
from charity.reports.selectors import overdue_counts
from communities.oversight import Figure, Section


def _scope_query(communities: Any) -> tuple[list[tuple], str]:
    """The communities (pk, slug) and a query string naming them as narrowly as
    possible: one community, their common street, or their common district."""
    rows = list(
        communities.values_list("pk", "slug", "street__slug", "street__parent__slug")
    )
    if len(rows) == 1:
        return rows, urlencode({"community": rows[0][1]})
    streets = {r[2] for r in rows}
    if len(streets) == 1:
        return rows, urlencode({"region": streets.pop()})
    districts = {r[3] for r in rows}
    if len(districts) == 1:
        return rows, urlencode({"region": districts.pop()})
    return rows, ""


def _url(base: str, query: str) -> str:
    return f"{base}?{query}" if query else base


def _bases() -> tuple[str, str]:
    """The lists behind the two figures (reversed once per call, not per row)."""
    return reverse("charity:overdue-reports"), reverse("charity:oversight-projects")


def _figures(
    overdue: int, public: int, query: str, bases: tuple[str, str]
) -> list[Figure]:
    return [
        Figure(
            key="reports_overdue",
            label=_("charity reports overdue"),
            count=overdue,
            url=_url(bases[0], query),
            tone="bad" if overdue else "ok",
        ),
        Figure(
            key="projects_public",
            label=_("public charity projects"),
            count=public,
            url=_url(bases[1], query),
        ),
    ]


def figures(communities: Any, user: Any) -> list[Figure]:
    rows, query = _scope_query(communities)
    ids = [r[0] for r in rows]
    overdue = sum(overdue_counts(ids).values())
    public = public_project_count(ids)
    return _figures(overdue, public, query, _bases())


def per_community(communities: Any, user: Any) -> dict[int, list[Figure]]:
    rows, _query = _scope_query(communities)
    ids = [r[0] for r in rows]
    overdue = overdue_counts(ids)
    public = dict(
        listed_projects(ids)
        .values_list("community_id")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("community_id", "n")
    )
    bases = _bases()
    return {
        pk: _figures(
            overdue.get(pk, 0),
            public.get(pk, 0),
            urlencode({"community": slug}),
            bases,
        )
        for pk, slug, _street, _district in rows
    }


SECTION = Section(
    key="charity",
    title=_("Charity"),
    figures=figures,
    per_community=per_community,
    order=40,
)
