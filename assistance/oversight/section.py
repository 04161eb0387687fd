"""The assistance section of the oversight dashboards (communities.oversight).

Figures: open cases, open cases per state, overdue cases and refusals this
year; each links to the case list of the community (`assistance:community-
cases`, per the handling concern: `assistance:cases`) or of the street/district in view (`assistance:region-cases`) with a
filter. Three queries whatever the number of communities or cases.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from assistance.cases.models import OPEN_STATES
from assistance.oversight.selectors import section_counts, year_start
from communities.oversight import Figure, Section, slug_url


def cases_url(
    *, community: str | None = None, region: str | None = None, **filters: Any
) -> str:
    """The case list behind a figure: a community's (slug) or a region's, filtered;
    empty when there is no common scope."""
    if community:
        base = reverse("assistance:cases", args=[community])
    elif region:
        base = reverse("assistance:region-cases", args=[region])
    else:
        return ""
    return _filtered(base, **filters)


def _filtered(base: str, **filters: Any) -> str:
    """`base` (a case list, or "" for no link) with filters."""
    if not base:
        return ""
    return f"{base}?{urlencode(filters)}" if filters else base


def _scope(communities: Any, user: Any) -> tuple[list[Any], dict[str, str]]:
    """The communities and the narrowest scope naming them all, when this person
    may open that scope's case list (no link otherwise)."""
    rows = list(communities.select_related("street__parent").order_by("pk"))
    if len(rows) == 1:
        scope, kwargs = rows[0], {"community": rows[0].slug}
    elif len({c.street_id for c in rows}) == 1:
        scope, kwargs = rows[0].street, {"region": rows[0].street.slug}
    elif rows and len({c.street.parent_id for c in rows}) == 1:
        district = rows[0].street.parent
        scope, kwargs = district, {"region": district.slug}
    else:
        return rows, {}
    return rows, kwargs if _may_list(user, scope) else {}


def _may_list(user: Any, scope: Any) -> bool:
    return bool(user and user.has_perm("assistance.list_cases", scope))


def _figures(counts: dict[str, int], base: str) -> list[Figure]:
    """The figures, linked to the case list `base` with filters ("": no links)."""
    figures = [
        Figure(
            key="assistance_open",
            label=_("open assistance cases"),
            count=counts["open"],
            url=_filtered(base, state="open"),
        )
    ]
    for state in OPEN_STATES:
        figures.append(
            Figure(
                key=f"assistance_{state.value}",
                label=state.label,
                count=counts[state.value],
                url=_filtered(base, state=state.value),
            )
        )
    late = counts["overdue"]
    figures += [
        Figure(
            key="assistance_overdue",
            label=_("assistance cases overdue"),
            count=late,
            url=_filtered(base, overdue="1"),
            tone="bad" if late else "ok",
        ),
        Figure(
            key="assistance_refused_year",
            label=_("assistance refused this year"),
            count=counts["refused_year"],
            url=_filtered(base, state="refused", year=str(year_start().year)),
        ),
    ]
    return figures


def figures(communities: Any, user: Any) -> list[Figure]:
    rows, scope = _scope(communities, user)
    per = section_counts([c.pk for c in rows])
    keys = ["open", "overdue", "refused_year", *(s.value for s in OPEN_STATES)]
    totals = {key: sum(c.get(key, 0) for c in per.values()) for key in keys}
    return _figures(totals, cases_url(**scope))


def per_community(communities: Any, user: Any) -> dict[int, list[Figure]]:
    rows, _scope_unused = _scope(communities, user)
    per = section_counts([c.pk for c in rows])
    case_list = slug_url("assistance:cases")  # cases_url(community=slug)
    return {
        c.pk: _figures(per[c.pk], case_list(c.slug) if _may_list(user, c) else "")
        for c in rows
    }


SECTION = Section(
    key="assistance",
    title=_("Social assistance"),
    figures=figures,
    per_community=per_community,
    order=35,
)


def region_links(user: Any, region: Any, keys: list[str]) -> dict[str, str]:
    """Links from the assistance dashboard's numbers to the region's case list
    (state filters, plus "overdue"), for a person who may open it."""
    if not _may_list(user, region):
        return {}
    links = {key: cases_url(region=region.slug, state=key) for key in keys}
    links["overdue"] = cases_url(region=region.slug, overdue="1")
    return links
