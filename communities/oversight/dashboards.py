"""Oversight dashboards: the registered sections (communities.oversight) laid out.

A community's dashboard shows each section's figures for that community; a
region's dashboard shows the totals over its communities and a table with one row
per community. Each number links to the items behind it:

- a figure's own `url` when it has one;
- in the per-community table, a cell links to its figure's url (or, without one,
  to the section total's url) filtered by community (`?community=<slug>`), unless
  that url already points into the community (`/<slug>/...`) or names a community;
- on a community's dashboard the totals are that community's, so their links are
  filtered by community the same way.

The chart of disclosure timeliness is read from the section with key
`disclosures` and its figure keys `due`, `on_time` and `overdue`.

Providers run a fixed number of queries each; the dashboard adds one query for the
list of communities, whatever their number.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.utils.translation import gettext_lazy as _

from communities import oversight, wording
from communities.models import Community

CHART_SECTION = "disclosures"
CHART_KEYS = ("due", "on_time", "overdue")


@dataclass
class Cell:
    count: int
    url: str = ""
    tone: str = "neutral"


@dataclass
class Row:
    community: Community
    cells: list[Cell]
    html: str = ""  # the row's heading and cells, set by table.render_rows


@dataclass
class SectionView:
    key: str
    title: Any
    totals: list[dict[str, Any]]
    columns: list[tuple[str, Any]]
    rows: list[Row] = field(default_factory=list)


def with_community(url: str, community: Community) -> str:
    """The url narrowed to one community, unless it already is."""
    if not url:
        return ""
    slug = community.slug
    if url.startswith(f"/{slug}/"):  # a path into the community (no scheme, host)
        return url
    path, named, head, tail = _narrowing(url)
    if named or path.startswith(f"/{slug}/"):
        return url
    return f"{head}{urlencode([('community', slug)])}{tail}"


@lru_cache(maxsize=4096)
def _narrowing(url: str) -> tuple[str, bool, str, str]:
    """The url's path, whether it names a community already, and the text around the
    `community=<slug>` it would get (a column's url is parsed once per page, not
    per cell): `urlunsplit` with the query `<query>&community=<slug>`."""
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    if any(name == "community" for name, _value in query):
        return parts.path, True, "", ""
    head = urlunsplit(parts._replace(query="", fragment="")) + "?"
    if query:
        head += urlencode(query) + "&"
    return parts.path, False, head, f"#{parts.fragment}" if parts.fragment else ""


def _total(figure: oversight.Figure, url: str) -> dict[str, Any]:
    return {
        "key": figure.key,
        "label": figure.label,
        "count": figure.count,
        "url": url,
        "tone": figure.tone,
    }


def community_sections(community: Community, user: Any) -> list[SectionView]:
    """Each section's figures for one community."""
    scope = Community.objects.filter(pk=community.pk)
    views = []
    for section in oversight.sections():
        figures = section.figures(scope, user)
        views.append(
            SectionView(
                key=section.key,
                title=wording.label_for(section.title, community),
                totals=[_total(f, with_community(f.url, community)) for f in figures],
                columns=[(f.key, f.label) for f in figures],
            )
        )
    return views


def region_sections(
    scope: Any,
    communities: list[Community],
    user: Any,
    totals: dict[str, list[oversight.Figure]] | None = None,
) -> list[SectionView]:
    """Totals over `scope` (a queryset of communities) and one row per community
    of `communities` (the page shown: the per-community figures are computed for
    those only). `totals`: stored totals by section key (snapshots), used
    instead of computing them live where given."""
    views = []
    shown = Community.objects.filter(pk__in=[c.pk for c in communities])
    for section in oversight.sections():
        if totals is not None and section.key in totals:
            figures = totals[section.key]
        else:
            figures = section.figures(scope, user)
        by_key = {f.key: f for f in figures}
        columns = [(f.key, f.label) for f in figures]
        per = section.per_community(shown, user) if section.per_community else {}
        rows = []
        if section.per_community:
            for community in communities:
                found = {f.key: f for f in per.get(community.pk, [])}
                cells = []
                for key, _label in columns:
                    figure = found.get(key)
                    total_url = by_key[key].url
                    if figure is None:
                        cells.append(Cell(0, with_community(total_url, community)))
                    else:
                        cells.append(
                            Cell(
                                figure.count,
                                with_community(figure.url or total_url, community),
                                figure.tone,
                            )
                        )
                rows.append(Row(community=community, cells=cells))
        views.append(
            SectionView(
                key=section.key,
                title=wording.label_for(section.title, None),
                totals=[_total(f, f.url) for f in figures],
                columns=columns,
                rows=rows,
            )
        )
    return views


# ---------------------------------------------------------------------------
# The timeliness chart (server-drawn SVG, sized in em so large text scales it)
# ---------------------------------------------------------------------------
ROW_EM = 4.6


def timeliness_chart(
    views: list[SectionView], community: Community | None = None
) -> dict[str, Any] | None:
    """Bars per community (on time, overdue, other due items) from the disclosures section.

    None when no such section is registered. On a community's dashboard
    (`community` given) the one bar is drawn from the section's totals.
    """
    section = next((v for v in views if v.key == CHART_SECTION), None)
    if section is None:
        return None
    keys = [key for key, _label in section.columns]
    if not all(key in keys for key in CHART_KEYS):
        return None
    positions = {key: keys.index(key) for key in CHART_KEYS}
    data: list[tuple[Community, dict[str, Cell]]] = []
    if community is not None:
        totals = {
            t["key"]: Cell(t["count"], t["url"], t["tone"]) for t in section.totals
        }
        data.append((community, {key: totals[key] for key in CHART_KEYS}))
    else:
        for row in section.rows:
            data.append(
                (row.community, {key: row.cells[positions[key]] for key in CHART_KEYS})
            )
    scale = max(
        [max(c["due"].count, c["on_time"].count + c["overdue"].count) for _x, c in data]
        + [1]
    )
    bars = []
    for index, (item, cells) in enumerate(data):
        due, on_time, overdue = (cells[k].count for k in CHART_KEYS)
        other = max(due - on_time - overdue, 0)
        top = index * ROW_EM
        on_time_pct = 100 * on_time / scale
        overdue_pct = 100 * overdue / scale
        bars.append(
            {
                "community": item,
                "due": cells["due"],
                "on_time": cells["on_time"],
                "overdue": cells["overdue"],
                "other": other,
                "label_y": f"{top + 1.1:.2f}em",
                "bar_y": f"{top + 1.5:.2f}em",
                "numbers_y": f"{top + 3.9:.2f}em",
                "on_time_width": f"{on_time_pct:.2f}%",
                "overdue_x": f"{on_time_pct:.2f}%",
                "overdue_width": f"{overdue_pct:.2f}%",
                "other_x": f"{on_time_pct + overdue_pct:.2f}%",
                "other_width": f"{100 * other / scale:.2f}%",
            }
        )
    totals = {key: sum(cells[key].count for _c, cells in data) for key in CHART_KEYS}
    return {
        "bars": bars,
        "height": f"{max(len(bars), 1) * ROW_EM + 0.5:.1f}em",
        "totals": totals,
        "title": _("Disclosure timeliness by community"),
    }
