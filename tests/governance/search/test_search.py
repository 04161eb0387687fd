"""The site search: Chinese substrings, what is never found, ranking, filters, queries.

These run on SQLite and, with DATABASE_URL=postgres://..., on PostgreSQL (where the
pg_trgm indexes serve the same queries; see test_postgres.py).
"""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from governance.models import SearchEntry
from governance.search import index as search_index
from tests.support.governance_notices import add_notice

pytestmark = pytest.mark.django_db

DIBAO = "关于调整城乡低保标准的通知"


def results(client, marks=False, **params):
    """The results page; highlighting removed unless `marks` (titles read whole)."""
    response = client.get("/search/", params)
    assert response.status_code == 200
    page = response.content.decode()
    return page if marks else page.replace("<mark>", "").replace("</mark>", "")


def test_a_two_character_word_finds_a_notice_by_a_word_inside_its_title(
    client, community
):
    notice = add_notice(community, title=DIBAO, summary="", body="<p>正文</p>")
    page = results(client, marks=True, q="低保")
    assert f'href="{notice.url}"' in page
    assert "1 result for" in page
    assert "关于调整城乡<mark>低保</mark>标准的通知" in page


def test_words_inside_the_body_are_found_and_shown_in_a_highlighted_passage(
    client, community
):
    add_notice(
        community,
        title="小区停水通知",
        summary="",
        body="<p>因供水管道维修，本周六&nbsp;9:00–15:00 停水，请提前储水。</p>",
    )
    page = results(client, marks=True, q="管道维修")
    assert "小区停水通知" in page
    assert "<mark>管道维修</mark>" in page
    assert "&lt;p&gt;" not in page and "nbsp" not in page


def test_latin_words_match_whatever_their_case(client, community):
    add_notice(community, title="Wi-Fi 覆盖社区活动室", summary="", body="<p>x</p>")
    assert "Wi-Fi" in results(client, q="wi-fi")


def test_drafts_scheduled_expired_and_unpublished_notices_are_never_found(
    client, community
):
    add_notice(community, title="低保草稿", publish=False)
    add_notice(
        community,
        title="低保定时",
        go_live_at=timezone.now() + datetime.timedelta(days=2),
    )
    add_notice(
        community,
        title="低保过期",
        expire_at=timezone.now() - datetime.timedelta(minutes=1),
    )
    withdrawn = add_notice(community, title="低保撤回")
    withdrawn.unpublish()
    add_notice(community, title="低保有效")
    page = results(client, q="低保")
    assert "低保有效" in page
    for hidden in ("低保草稿", "低保定时", "低保过期", "低保撤回"):
        assert hidden not in page
    assert "1 result for" in page


def test_a_draft_edit_of_a_live_notice_is_not_found_until_published(client, community):
    notice = add_notice(community, title="原来的标题")
    notice.title = "低保新标题"
    notice.save_revision()  # a draft, not published
    assert "0 results" in results(client, q="低保")
    assert "原来的标题" in results(client, q="原来")
    notice.get_latest_revision().publish()
    assert "低保新标题" in results(client, q="低保")
    assert "0 results" in results(client, q="原来")


def test_a_scheduled_notice_is_found_once_it_goes_live(client, community):
    go_live = timezone.now() + datetime.timedelta(hours=2)
    add_notice(community, title=DIBAO, go_live_at=go_live)
    assert not SearchEntry.objects.exists()
    with time_machine.travel(go_live + datetime.timedelta(minutes=1)):
        call_command("publish_scheduled")
        assert DIBAO in results(client, q="低保")


def test_a_notice_leaves_the_results_when_it_expires_even_before_the_scheduler_runs(
    client, community
):
    expiry = timezone.now() + datetime.timedelta(hours=1)
    add_notice(community, title=DIBAO, expire_at=expiry)
    assert DIBAO in results(client, q="低保")
    with time_machine.travel(expiry + datetime.timedelta(minutes=1)):
        # A query not cached yet (cached pages last until the scheduler publishes
        # the expiry, which retires them).
        assert DIBAO not in results(client, q="低保标准")
        call_command("publish_scheduled")
        assert DIBAO not in results(client, q="低保")
        assert not SearchEntry.objects.exists()


def test_a_deleted_notice_leaves_the_index(community):
    notice = add_notice(community, title=DIBAO)
    assert SearchEntry.objects.filter(page_id=notice.pk).exists()
    notice.delete()
    assert not SearchEntry.objects.exists()


def test_title_matches_come_first_then_the_newest(client, community):
    with time_machine.travel(timezone.now() - datetime.timedelta(days=3)):
        add_notice(community, title="旧的低保通知", summary="")
    add_notice(community, title="新的通知", summary="", body="<p>讲到低保的正文</p>")
    add_notice(community, title="最新的低保通知", summary="")
    page = results(client, q="低保")
    assert page.index("最新的") < page.index("旧的低保通知") < page.index("新的通知")


@pytest.fixture
def disclosure_kind():
    """A kind with categories, as the disclosure pages register theirs."""
    saved = dict(search_index.KINDS)
    search_index.register_kind("disclosure", "Disclosure", [("finance", "Finance")])
    yield
    search_index.KINDS.clear()
    search_index.KINDS.update(saved)


def test_results_are_filtered_by_community_kind_and_category(
    client, make_community, community, disclosure_kind
):
    other = make_community(slug="other")
    add_notice(community, title="本社区低保通知")
    add_notice(other, title="别的社区低保通知")
    page = results(client, q="低保", community=community.slug)
    assert "本社区低保通知" in page and "别的社区低保通知" not in page
    # The community's own navigation frames community-scoped results.
    assert f'href="/{community.slug}/notices/"' in page
    assert "别的社区低保通知" in results(client, q="低保", kind="notice")
    assert "0 results" in results(client, q="低保", kind="notice", category="finance")


def test_an_unknown_community_or_kind_is_a_clear_form_error_with_no_results(
    client, community
):
    add_notice(community, title=DIBAO)
    page = results(client, q="低保", community="no-such-place", kind="spells")
    assert "Please correct the search form below." in page
    assert "Select a valid choice" in page
    assert DIBAO not in page


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "Type a word or part of a sentence to search for."),
        ("   ", "Type a word or part of a sentence to search for."),
        ("低", "Type at least two characters: one is too short to search for."),
    ],
)
def test_empty_and_one_character_queries_get_a_clear_message(
    client, community, query, message
):
    add_notice(community, title=DIBAO)
    page = results(client, q=query)
    assert message in page
    assert DIBAO not in page


def test_the_bare_search_page_shows_the_form_without_a_message(client):
    page = results(client)
    assert 'role="search"' in page
    assert "Type a word" not in page


def test_query_text_is_escaped_in_the_page(client, community):
    add_notice(community, title="<b>低保</b> 通知", summary="")
    page = results(client, q="<b>")
    assert "<b>低保" not in page
    assert "&lt;b&gt;" in page


def test_results_are_paginated_and_keep_the_query(client, community):
    from governance.search.views import SEARCH_RESULTS_PER_PAGE

    for number in range(SEARCH_RESULTS_PER_PAGE + 2):
        add_notice(community, title=f"低保通知{number:02d}")
    first = results(client, q="低保")
    assert first.count('class="card"') == SEARCH_RESULTS_PER_PAGE
    assert "page=2" in first and "q=%E4%BD%8E%E4%BF%9D" in first
    second = results(client, q="低保", page=2)
    assert second.count('class="card"') == 2


def _queries(client, params) -> int:
    from django.core.cache import cache

    cache.clear()
    with CaptureQueriesContext(connection) as context:
        assert client.get("/search/", params).status_code == 200
    return len(context)


def test_the_results_page_keeps_a_fixed_number_of_queries(
    client, make_community, community
):
    params = {"q": "低保"}
    add_notice(community, title="低保通知")
    few = _queries(client, params)
    for number in range(6):
        add_notice(make_community(slug=f"more-{number}"), title=f"低保{number}")
    assert _queries(client, params) == few
    assert _queries(client, {**params, "community": community.slug}) <= few + 1


def test_anonymous_results_are_cached_and_retired_by_publishing(client, community):
    client.get("/search/", {"q": "低保"})
    cached = client.get("/search/", {"q": "低保"})
    assert cached["X-Page-Cache"] == "hit"
    add_notice(community, title=DIBAO)
    fresh = client.get("/search/", {"q": "低保"})
    assert fresh["X-Page-Cache"] == "miss"
    assert "<mark>低保</mark>标准" in fresh.content.decode()


def test_the_anonymous_results_page_carries_no_csrf_token_or_script(client, community):
    add_notice(community, title=DIBAO)
    page = results(client, q="低保")
    assert "csrfmiddlewaretoken" not in page
    assert "<script" not in page


def test_rebuilding_the_index_restores_what_is_live(community):
    add_notice(community, title=DIBAO)
    add_notice(community, title="低保草稿", publish=False)
    SearchEntry.objects.all().delete()
    call_command("rebuild_search_index", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert list(SearchEntry.objects.values_list("title", flat=True)) == [DIBAO]


def test_a_page_class_joins_the_search_through_the_contract(community):
    assert search_index.is_searchable_class(type(add_notice(community)))
    notice = add_notice(community, title="合同")
    document = notice.search_document()
    assert document["community"] == community
    assert document["category"] == ""
    entry = SearchEntry.objects.get(page_id=notice.pk)
    assert (entry.kind, entry.community_id, entry.url) == (
        "notice",
        community.pk,
        notice.url,
    )


def test_search_boxes_on_the_portal_and_in_the_community_navigation(client, community):
    portal = client.get("/").content.decode()
    assert 'action="/search/"' in portal
    home = client.get(f"/{community.slug}/").content.decode()
    assert 'action="/search/"' in home
    assert f'name="community" value="{community.slug}"' in home


def test_the_search_and_oversight_words_are_reserved_community_slugs():
    from communities.services import RESERVED_SLUGS

    assert {"search", "oversight"} <= RESERVED_SLUGS


def test_categories_narrow_the_results(client, community, disclosure_kind):
    """Other page kinds (disclosures) reach the index through the same table."""
    from communities.models import CommunityHomePage

    home = CommunityHomePage.objects.get(community=community)
    SearchEntry.objects.create(
        page=home,
        community=community,
        kind="disclosure",
        category="finance",
        title="二〇二六年低保资金收支公开",
        text="",
        url="/x/",
        published_at=timezone.now(),
    )
    add_notice(community, title=DIBAO)
    page = results(client, q="低保", category="finance")
    assert "二〇二六年低保资金收支公开" in page and DIBAO not in page
    assert "Finance" in page
    both = results(client, q="低保")
    assert DIBAO in both and "二〇二六年低保资金收支公开" in both


def test_the_scheduler_publishes_due_notices_every_minute(client, community):
    from notifications import scheduling

    job = next(
        j
        for j in scheduling.registered_jobs()
        if j.name == "governance.publish_scheduled"
    )
    assert job.every == datetime.timedelta(minutes=1)
    go_live = timezone.now() + datetime.timedelta(minutes=5)
    add_notice(community, title=DIBAO, go_live_at=go_live)
    with time_machine.travel(go_live + datetime.timedelta(seconds=30)):
        job.task.call()
        assert DIBAO in results(client, q="低保标准")
