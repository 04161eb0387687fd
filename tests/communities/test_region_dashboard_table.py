"""The region dashboard's table by community, built for speed (issue 16): each
column's link reversed once, each row rendered in Python. What the page shows
must stay what the template and the per-cell `reverse()` gave."""

from __future__ import annotations

from types import SimpleNamespace
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import pytest
from django.template import Context, Template
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from communities import oversight
from communities.oversight import table
from communities.oversight.dashboards import Cell, Row, SectionView, with_community

# The table's rows as the template wrote them before (communities/region_dashboard.html).
OLD_ROW = Template(
    """{% for row in rows %}<th scope="row"><a href="{% url 'communities:dashboard' row.community.slug %}">{{ row.community.name }}</a>{% if region.is_district %} <span class="meta">{{ row.community.street.name }}</span>{% endif %}</th>"""
    """{% for cell in row.cells %}<td class="tone-{{ cell.tone }}">{% if cell.url %}<a href="{{ cell.url }}">{{ cell.count }}</a>{% else %}{{ cell.count }}{% endif %}</td>{% endfor %}|{% endfor %}"""
)


def _old_with_community(url: str, community) -> str:
    """`with_community` as it was, one parse per cell."""
    if not url:
        return ""
    parts = urlsplit(url)
    if parts.path.startswith(f"/{community.slug}/"):
        return url
    query = parse_qsl(parts.query, keep_blank_values=True)
    if any(name == "community" for name, _value in query):
        return url
    query.append(("community", community.slug))
    return urlunsplit(parts._replace(query=urlencode(query)))


def _community(slug="heping", name="和平社区", street="西湖街道"):
    return SimpleNamespace(
        pk=hash(slug), slug=slug, name=name, street=SimpleNamespace(name=street)
    )


@pytest.mark.parametrize(
    "url",
    [
        "",
        "/oversight/notices/?state=published",
        "/oversight/notices/",
        "/oversight/notices/?",
        "/oversight/disclosures/due/?community=12",
        "/oversight/x/?a=1&b=&c=%E4%B8%AD&d=a+b",
        "/oversight/x/?%63ommunity=1",
        "/oversight/x/?a=1#part",
        "/oversight/x/#part",
        "/heping/assistance/cases/?state=open",
        "/heping/",
        "/hepingx/assistance/",
        "https://example.org/heping/x/?a=1",
        "https://example.org/x/?a=1",
        "//example.org/x/",
    ],
)
def test_with_community_narrows_as_before(url):
    for community in (_community(), _community(slug="other-1")):
        assert with_community(url, community) == _old_with_community(url, community)
        # Twice: the second from the parse kept for the column.
        assert with_community(url, community) == _old_with_community(url, community)


@pytest.mark.parametrize(
    "viewname",
    [
        "communities:dashboard",
        "consultation:list",
        "consultation:followups",
        "assistance:cases",
        "assistance:reviews",
        "assistance:warnings",
        "assistance:instalments",
        "assistance:followups",
    ],
)
def test_slug_url_gives_what_reverse_gives(viewname):
    url = oversight.slug_url(viewname)
    for slug in ("heping", "scale-12", "a_b-9", "X1"):
        assert url(slug) == reverse(viewname, args=[slug])
    # Not a slug reverse() accepts: reverse() itself answers (here: refuses).
    with pytest.raises(NoReverseMatch):
        url("a b")


@pytest.mark.parametrize("district", [True, False])
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_rows_render_as_the_template_did(district, language):
    communities = [
        _community(),
        _community(slug="x-2", name='A & B <社区> "引号"', street="<街道> & 镇"),
    ]
    cells = [
        Cell(0),
        Cell(3, "/oversight/notices/?state=published&community=heping", "bad"),
        Cell(1234567, "", "ok"),
        Cell(12, '/x/?q="a"&b=<c>', "warn"),
        Cell(-1, "/x/", "neutral"),
    ]
    rows = [Row(community=c, cells=cells) for c in communities]
    view = SectionView(key="s", title="S", totals=[], columns=[], rows=rows)
    with translation.override(language):
        table.render_rows([view], street_names=district)
        old = OLD_ROW.render(
            Context({"rows": rows, "region": SimpleNamespace(is_district=district)})
        )
    assert "|".join(row.html for row in rows) + "|" == old
    assert "&amp; B &lt;社区&gt; &quot;引号&quot;" in rows[1].html


def test_the_heading_of_a_community_is_built_once_for_every_section():
    community = _community()
    views = [
        SectionView(
            key=key,
            title=key,
            totals=[],
            columns=[],
            rows=[Row(community=community, cells=[Cell(1)])],
        )
        for key in ("a", "b")
    ]
    table.render_rows(views, street_names=True)
    first, second = (view.rows[0].html for view in views)
    assert first == second
    assert first.startswith('<th scope="row"><a href="/heping/dashboard/">')
