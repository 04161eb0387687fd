"""The portal and community home pages: content, cacheability, query budget."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from communities import services
from communities.cache import current_generation
from communities.models import CommunityHomePage, Membership, Role
from tests.factories import CommunityFactory, RoleGrantFactory, StreetFactory
from tests.support.actors import give_totp

pytestmark = pytest.mark.django_db


@pytest.fixture
def heping(make_community):
    return make_community(name="和平社区", slug="heping")


def _count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def _add_communities(street, count: int) -> None:
    for _ in range(count):
        CommunityFactory(street=street)


def test_portal_lists_streets_with_their_communities(client, heping, make_community):
    town = StreetFactory(parent=heping.street.parent, name="西湖镇", kind="town")
    make_community(name="桃花村", slug="taohua", kind="village", street_region=town)
    html = client.get("/").content.decode()
    assert heping.street.name in html and "西湖镇" in html
    assert 'href="/heping/"' in html and 'href="/taohua/"' in html


def test_portal_finds_a_community_by_name(client, heping, make_community):
    make_community(name="幸福社区", slug="xingfu")
    html = client.get("/", {"q": "幸福"}).content.decode()
    results = html.split('id="streets-heading"')[0]
    assert "幸福社区" in results and "和平社区" not in results


def test_portal_search_says_when_nothing_matches(client, heping):
    assert "No community matches" in client.get("/", {"q": "不存在"}).content.decode()


def test_community_home_shows_the_community_and_its_navigation(client, heping):
    html = client.get("/heping/").content.decode()
    assert "<h1>和平社区</h1>" in html
    assert 'href="/heping/join/"' in html


def test_committee_members_see_their_tools_in_the_navigation(client, heping):
    member = give_totp(RoleGrantFactory(role=Role.COMMITTEE, community=heping).user)
    client.force_login(member)
    html = client.get("/desk/").content.decode()  # staff tools are on the desk
    for path in ("verification", "roles", "settings", "audit"):
        assert f'href="/heping/{path}/"' in html


@pytest.mark.parametrize("url", ["/", "/heping/", "/?q=和平"])
def test_anonymous_pages_carry_no_csrf_token_and_no_inline_script(client, heping, url):
    html = client.get(url).content.decode()
    assert "csrfmiddlewaretoken" not in html
    assert re.findall(r"<script(?![^>]*\bsrc=)", html) == []


def test_portal_queries_do_not_grow_with_the_number_of_communities(client, heping):
    client.get("/?warm=1")
    small = _count_queries(client, "/")
    _add_communities(heping.street, 48)
    client.get("/?warm=2")
    large = _count_queries(client, "/")
    assert small == large
    assert large <= 6


def test_community_home_queries_do_not_grow_with_the_number_of_communities(
    client, heping
):
    client.get("/heping/?warm=1")
    small = _count_queries(client, "/heping/")
    _add_communities(heping.street, 48)
    client.get("/heping/?warm=2")
    large = _count_queries(client, "/heping/")
    assert small == large
    # +2: resident and household counts; +14: the what-is-happening blocks
    # (communities.home, pinned with many rows in tests/communities/home/)
    assert large <= 24


def test_signed_in_community_home_queries_do_not_grow(client, heping):
    member = give_totp(RoleGrantFactory(role=Role.COMMITTEE, community=heping).user)
    client.force_login(member)
    client.get("/heping/?warm=1")
    small = _count_queries(client, "/heping/")
    _add_communities(heping.street, 48)
    large = _count_queries(client, "/heping/")
    assert small == large
    assert large <= 40  # + the home blocks and the waiting-for-you blocks


def test_anonymous_pages_are_served_from_the_cache_the_second_time(client, heping):
    assert client.get("/heping/")["X-Page-Cache"] == "miss"
    assert client.get("/heping/")["X-Page-Cache"] == "hit"


def test_renaming_a_community_shows_at_once_on_the_cached_pages(client, heping):
    client.get("/heping/")
    client.get("/")
    assert client.get("/heping/")["X-Page-Cache"] == "hit"
    services.update_community(
        actor=None, community=heping, name="新和平社区", description=""
    )
    assert "新和平社区" in client.get("/heping/").content.decode()
    assert "新和平社区" in client.get("/").content.decode()


def test_publishing_a_page_retires_the_cache(heping):
    before = current_generation()
    home = CommunityHomePage.objects.get(community=heping)
    home.intro = "<p>欢迎</p>"
    home.save_revision().publish()
    assert current_generation() > before


def test_unpublishing_and_deleting_pages_retire_the_cache(heping):
    home = CommunityHomePage.objects.get(community=heping)
    before = current_generation()
    home.unpublish()
    assert current_generation() > before
    before = current_generation()
    home.delete()
    assert current_generation() > before


def test_changing_a_region_or_settings_retires_the_cache(heping):
    before = current_generation()
    heping.street.name = "新街道"
    heping.street.save(update_fields=["name"])
    assert current_generation() > before
    before = current_generation()
    heping.policy.save(update_fields=["meeting_notice_days"])
    assert current_generation() > before


def test_community_home_counts_residents_and_households_at_constant_cost(
    client, heping
):
    from tests.factories import HouseholdFactory, MembershipFactory

    household = HouseholdFactory(community=heping)
    MembershipFactory(household=household)
    client.get("/heping/?warm=1")
    small = _count_queries(client, "/heping/?n=1")
    for _ in range(5):
        MembershipFactory(household=HouseholdFactory(community=heping))
    MembershipFactory(household=household, status=Membership.Status.PENDING)
    large = _count_queries(client, "/heping/?n=2")
    assert small == large
    page = client.get("/heping/?n=3").content.decode()
    assert "6 verified residents" in page
    assert "6 households" in page


def test_verifying_a_resident_updates_the_cached_count(client, heping):
    from tests.factories import MembershipFactory

    client.get("/heping/")
    assert client.get("/heping/")["X-Page-Cache"] == "hit"
    MembershipFactory(household__community=heping)
    assert client.get("/heping/")["X-Page-Cache"] == "miss"
