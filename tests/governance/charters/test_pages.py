"""Public charter pages: the index, the version in force, every adopted version,
the comparison; drafts never public; the search contract; queries; the cache."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from communities.models import CommunityHomePage
from governance.charters.pages import CharterIndexPage, CharterPage
from governance.charters.services import drafting, lifecycle
from tests.governance.charters.conftest import S

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_versions(start, advance, committee_member):
    first = advance(start(), S.PUBLISHED, in_force_on=timezone.localdate())
    second = drafting.start_revision(actor=committee_member, charter=first.charter)
    clause = second.clauses.get(number=2)
    drafting.change_clause(
        actor=committee_member,
        clause=clause,
        text="饲养犬只应当文明，外出牵绳，及时清理粪便。<script>alert(1)</script>",
    )
    drafting.add_clause(actor=committee_member, version=second, text="实行垃圾分类。")
    second = advance(second, S.FILED)
    second = lifecycle.publish(
        actor=committee_member,
        version=second,
        in_force_on=timezone.localdate() + datetime.timedelta(days=1),
    )
    return first, second


def test_every_community_gets_its_charter_index(community):
    index = CharterIndexPage.objects.get(community=community)
    assert index.url == f"/{community.slug}/charters/"
    assert not CharterIndexPage.can_create_at(
        CommunityHomePage.objects.get(community=community)
    )


def test_a_charter_under_way_is_not_public(client, community, start, advance):
    version = advance(start(title="草案公约"), S.FILED)
    assert client.get(f"/{community.slug}/charters/").status_code == 200
    assert "草案公约" not in client.get(f"/{community.slug}/charters/").content.decode()
    page = CharterPage.objects.get(pk=version.charter_id)
    assert not page.live
    assert client.get(f"/{community.slug}/charters/{page.slug}/").status_code == 404
    document = page.search_document()
    assert document["text"] == ""


def test_the_page_shows_the_version_in_force_and_lists_every_adopted_version(
    client, community, two_versions
):
    first, second = two_versions
    page = CharterPage.objects.get(pk=first.charter_id)
    html = client.get(page.url).content.decode()
    assert "居民应当爱护公共设施" in html
    assert "实行垃圾分类" not in html  # version 2 comes into force tomorrow
    assert "Version 1" in html
    assert "Version 2" in html
    html = client.get(f"{page.url}versions/2/").content.decode()
    assert "实行垃圾分类" in html
    assert "&lt;script&gt;" in html
    assert "<script>alert" not in html


def test_a_revision_under_way_is_never_shown(
    client, community, start, advance, committee_member
):
    first = advance(start(), S.PUBLISHED)
    draft = drafting.start_revision(actor=committee_member, charter=first.charter)
    drafting.add_clause(actor=committee_member, version=draft, text="秘密草案条款")
    page = CharterPage.objects.get(pk=first.charter_id)
    assert "秘密草案条款" not in client.get(page.url).content.decode()
    assert client.get(f"{page.url}versions/2/").status_code == 404
    assert "秘密草案条款" not in page.search_document()["text"]


def test_two_versions_compare_clause_by_clause_for_anyone(client, two_versions):
    first, _second = two_versions
    page = CharterPage.objects.get(pk=first.charter_id)
    response = client.get(f"{page.url}compare/?a=1&b=2")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Clause 2: changed" in html
    assert "Clause 4: added" in html
    assert "<del>宠物</del><ins>犬只</ins>" in html
    assert "<script>alert" not in html
    assert "csrfmiddlewaretoken" not in html  # cached whole: no token


def test_compare_with_a_draft_number_shows_no_draft(
    client, two_versions, committee_member
):
    first, second = two_versions
    page = CharterPage.objects.get(pk=first.charter_id)
    drafting.start_revision(actor=committee_member, charter=page)
    html = client.get(f"{page.url}compare/?a=1&b=3").content.decode()
    assert "Version 3" not in html


def test_the_search_contract(community, two_versions):
    first, _second = two_versions
    page = CharterPage.objects.get(pk=first.charter_id)
    assert CharterPage.search_kind == "charter"
    document = page.search_document()
    assert document["community"] == community
    assert document["category"] == "residents"
    assert document["title"] == "幸福里居民公约"
    assert "饲养宠物" in document["text"]  # the version in force today
    assert "实行垃圾分类" not in document["text"]


def test_the_index_lists_published_charters_in_fixed_queries(
    client, community, start, advance, django_assert_max_num_queries
):
    advance(start(title="公约甲"), S.PUBLISHED)
    client.get(f"/{community.slug}/charters/")  # warm caches
    from django.core.cache import cache

    cache.clear()
    with django_assert_max_num_queries(25) as few:
        client.get(f"/{community.slug}/charters/")
    for n in range(3):
        advance(start(title=f"公约{n}", kind="charter"), S.PUBLISHED)
    cache.clear()
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = client.get(f"/{community.slug}/charters/").content.decode()
    assert "公约2" in html


def test_publishing_retires_the_cached_public_page(
    client, community, start, advance, committee_member
):
    first = advance(start(), S.PUBLISHED)
    page = CharterPage.objects.get(pk=first.charter_id)
    assert "新增条款" not in client.get(page.url).content.decode()
    second = drafting.start_revision(actor=committee_member, charter=page)
    drafting.add_clause(actor=committee_member, version=second, text="新增条款")
    second = advance(second, S.FILED)
    lifecycle.publish(
        actor=committee_member,
        version=second,
        in_force_on=timezone.localdate() + datetime.timedelta(days=1),
    )
    assert "Version 2" in client.get(page.url).content.decode()


def test_the_admin_refuses_to_delete_an_adopted_charter(
    client, start, advance, admin_user
):
    from governance.charters.views import keep_adopted_charters

    version = advance(start(), S.PUBLISHED)
    page = CharterPage.objects.get(pk=version.charter_id)
    client.force_login(admin_user)
    response = client.post(f"/admin/pages/{page.pk}/delete/")
    assert response.status_code == 302
    assert CharterPage.objects.filter(pk=page.pk).exists()
    draft_only = CharterPage.objects.get(pk=start(title="草案").charter_id)
    assert keep_adopted_charters(None, draft_only) is None


def test_the_pages_render_in_chinese(zh_client, community, start, advance):
    version = advance(start(), S.PUBLISHED)
    page = CharterPage.objects.get(pk=version.charter_id)
    for path in (f"/{community.slug}/charters/", page.url, f"{page.url}compare/"):
        response = zh_client.get(path)
        assert response.status_code == 200, path
        assert "幸福里居民公约" in response.content.decode()
