"""The region dashboard's table by community, its rows rendered in Python.

A page of a district's dashboard has 20 rows in each of about a dozen sections,
some 1,200 cells; through the template engine (four variables, a condition and a
localized number per cell, a `{% url %}` per row and section) they took half the
page's time at city scale (issue 16). Here each cell is one string format, each
community's link and heading are built once for every section, and each number
is localized once per value. The markup is the template's
(`communities/region_dashboard.html` writes `<tr>{{ row.html }}</tr>`):

    <th scope="row"><a href="/<slug>/dashboard/">name</a> <span class="meta">street</span></th>
    <td class="tone-bad"><a href="...">3</a></td>   (or <td class="tone-ok">0</td> without a link)

escaped as the template would (`conditional_escape`, numbers through `localize`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from communities import oversight

if TYPE_CHECKING:
    from communities.oversight.dashboards import SectionView


def _heading(community, street_names: bool, dashboard_url) -> str:
    name = conditional_escape(community.name)
    link = conditional_escape(dashboard_url(community.slug))
    street = ""
    if street_names:
        street = (
            f' <span class="meta">{conditional_escape(community.street.name)}</span>'
        )
    return f'<th scope="row"><a href="{link}">{name}</a>{street}</th>'


def render_rows(views: list[SectionView], street_names: bool) -> None:
    """Set `row.html` (the row's heading and cells) on every section's rows.

    `street_names`: a district's table names each community's street (the
    communities must have `street` loaded).
    """
    dashboard_url = oversight.slug_url("communities:dashboard")
    headings: dict[int, str] = {}
    numbers: dict[tuple[type, object], str] = {}
    tones: dict[str, str] = {}
    for view in views:
        for row in view.rows:
            community = row.community
            heading = headings.get(community.pk)
            if heading is None:
                heading = _heading(community, street_names, dashboard_url)
                headings[community.pk] = heading
            parts = [heading]
            for cell in row.cells:
                key = (type(cell.count), cell.count)  # 1 and 1.0 localize apart
                number = numbers.get(key)
                if number is None:
                    number = numbers[key] = conditional_escape(
                        str(localize(cell.count))
                    )
                tone = tones.get(cell.tone)
                if tone is None:
                    tone = tones[cell.tone] = conditional_escape(cell.tone)
                if cell.url:
                    url = conditional_escape(cell.url)
                    parts.append(
                        f'<td class="tone-{tone}"><a href="{url}">{number}</a></td>'
                    )
                else:
                    parts.append(f'<td class="tone-{tone}">{number}</td>')
            row.html = mark_safe("".join(parts))  # noqa: S308 - every part escaped above
