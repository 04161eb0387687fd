"""A city's street and district pages are paginated by community (issue 16): the
overview and the oversight dashboard show one page of communities, with page
links, in the same number of queries on every page and at every size."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from communities.models import Role
from communities.regions import selectors as region_selectors
from tests.factories import CommunityFactory, RoleGrantFactory, StreetFactory
from tests.support.actors import give_totp

pytestmark = pytest.mark.django_db

PER_PAGE = 3


@pytest.fixture(autouse=True)
def small_pages(monkeypatch):
    monkeypatch.setattr(region_selectors, "COMMUNITIES_PER_PAGE", PER_PAGE)
    monkeypatch.setattr(region_selectors, "DASHBOARD_COMMUNITIES_PER_PAGE", PER_PAGE)


@pytest.fixture
def officer(client, district):
    user = RoleGrantFactory(
        role=Role.DISTRICT_OFFICER, community=None, region=district
    ).user
    client.force_login(give_totp(user))
    return user


def _grow(district, streets: int, per_street: int) -> None:
    for _s in range(streets):
        street = StreetFactory(parent=district)
        for _c in range(per_street):
            CommunityFactory(street=street)


def _get(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response, len(queries)


@pytest.mark.parametrize("page", ["overview", "dashboard"])
def test_district_pages_show_one_page_of_communities(client, officer, district, page):
    _grow(district, streets=2, per_street=4)  # 8 communities: 3 pages of 3
    base = f"/regions/{district.slug}/" + ("dashboard/" if page == "dashboard" else "")
    client.get(base)  # warm per-process caches
    first, first_queries = _get(client, base)
    second, second_queries = _get(client, base + "?page=2")
    last, _ = _get(client, base + "?page=3")
    assert first.context["page_obj"].paginator.count == 8
    assert first.context["page_obj"].paginator.num_pages == 3
    assert len(first.context["page_obj"].object_list) == PER_PAGE
    assert len(last.context["page_obj"].object_list) == 2
    html = first.content.decode()
    assert "?page=2" in html
    # A page whose communities span two streets may cost one query more (links
    # to the street's or the district's lists), never more with size.
    assert abs(second_queries - first_queries) <= 1
    # Out of range or nonsense: the last or first page, never an error.
    assert _get(client, base + "?page=99")[0].context["page_obj"].number == 3
    assert _get(client, base + "?page=x")[0].context["page_obj"].number == 1
    # More communities and streets: same queries per page.
    _grow(district, streets=3, per_street=5)
    most = max(first_queries, second_queries)
    for number in (1, 2, 5):
        assert _get(client, base + f"?page={number}")[1] <= most


def test_dashboard_rows_are_the_pages_communities(client, officer, district):
    _grow(district, streets=1, per_street=5)
    response = client.get(f"/regions/{district.slug}/dashboard/?page=2")
    shown = {c.pk for c in response.context["page_obj"].object_list}
    assert len(shown) == 2
    for section in response.context["sections"]:
        if section.rows:
            assert {row.community.pk for row in section.rows} == shown


def test_street_overview_lists_each_community_once_over_the_pages(
    client, officer, district
):
    _grow(district, streets=1, per_street=7)
    street = district.children.first() if hasattr(district, "children") else None
    street = street or CommunityFactory._meta.model.objects.first().street
    seen = []
    for number in (1, 2, 3):
        response = client.get(f"/regions/{street.slug}/?page={number}")
        seen += [c.pk for c in response.context["page_obj"].object_list]
    assert len(seen) == len(set(seen)) == 7


def test_the_dashboard_pages_by_fewer_communities_than_the_overview(
    client, officer, district, monkeypatch
):
    # About 60 figures a row: the dashboard shows 20 communities a page, the
    # overview (two figures a row) 50.
    monkeypatch.setattr(region_selectors, "COMMUNITIES_PER_PAGE", 5)
    monkeypatch.setattr(region_selectors, "DASHBOARD_COMMUNITIES_PER_PAGE", 2)
    _grow(district, streets=1, per_street=4)
    overview = client.get(f"/regions/{district.slug}/")
    dashboard = client.get(f"/regions/{district.slug}/dashboard/")
    assert len(overview.context["page_obj"].object_list) == 4
    assert len(dashboard.context["page_obj"].object_list) == 2
    assert dashboard.context["page_obj"].paginator.num_pages == 2
