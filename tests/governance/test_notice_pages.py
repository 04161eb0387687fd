"""Notice pages: tree rules, the list (pinning, expiry, drafts, pages, queries)."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.test.utils import WagtailPageTestCase

from communities.models import CommunityHomePage
from governance.models import NoticeIndexPage, NoticePage
from governance.notices.pages import NOTICES_PER_PAGE
from tests.support.governance_notices import add_notice

pytestmark = pytest.mark.django_db


class TestNoticeTree(WagtailPageTestCase):
    def test_notices_live_only_under_a_notice_index(self):
        self.assertAllowedParentPageTypes(NoticePage, {NoticeIndexPage})
        self.assertAllowedSubpageTypes(NoticePage, set())

    def test_a_notice_index_lives_under_a_community_home_and_holds_notices(self):
        self.assertAllowedParentPageTypes(NoticeIndexPage, {CommunityHomePage})
        self.assertAllowedSubpageTypes(NoticeIndexPage, {NoticePage})


def test_nobody_creates_a_notice_index_by_hand(community):
    home = CommunityHomePage.objects.get(community=community)
    assert not NoticeIndexPage.is_creatable
    assert not NoticeIndexPage.can_create_at(home)


def test_a_new_community_gets_its_notice_index_under_its_home(community):
    index = NoticeIndexPage.objects.get(community=community)
    assert index.get_parent().specific.community == community
    assert index.url == f"/{community.slug}/notices/"


def test_the_notice_list_shows_pinned_notices_first(client, community):
    add_notice(community, title="旧的置顶通知", pinned=True)
    add_notice(community, title="最新通知")
    page = client.get(f"/{community.slug}/notices/").content.decode()
    assert page.index("旧的置顶通知") < page.index("最新通知")
    assert "Pinned" in page


def test_drafts_scheduled_and_expired_notices_are_not_listed(client, community):
    add_notice(community, title="草稿通知", publish=False)
    add_notice(
        community,
        title="定时通知",
        go_live_at=timezone.now() + datetime.timedelta(days=2),
    )
    add_notice(
        community,
        title="过期通知",
        expire_at=timezone.now() - datetime.timedelta(minutes=1),
    )
    add_notice(community, title="有效通知")
    page = client.get(f"/{community.slug}/notices/").content.decode()
    assert "有效通知" in page
    for hidden in ("草稿通知", "定时通知", "过期通知"):
        assert hidden not in page


def test_a_notice_page_renders_with_its_attachments_and_community_navigation(
    client, community
):
    notice = add_notice(community, title="停水通知", body="<p>周六停水</p>")
    response = client.get(notice.url)
    page = response.content.decode()
    assert response.status_code == 200
    assert "<h1>停水通知</h1>" in page
    assert "周六停水" in page
    assert f'href="/{community.slug}/notices/"' in page


def test_the_list_paginates(client, community):
    for number in range(NOTICES_PER_PAGE + 3):
        add_notice(community, title=f"分页通知{number:02d}")
    first = client.get(f"/{community.slug}/notices/").content.decode()
    second = client.get(f"/{community.slug}/notices/?page=2").content.decode()
    assert first.count('class="card"') == NOTICES_PER_PAGE
    assert second.count('class="card"') == 3
    assert "Page 2 of 2" in second


def _queries(client, path) -> int:
    from django.core.cache import cache

    cache.clear()
    with CaptureQueriesContext(connection) as context:
        assert client.get(path).status_code == 200
    return len(context)


def test_the_list_keeps_a_constant_query_count(client, community):
    path = f"/{community.slug}/notices/"
    add_notice(community)
    few = _queries(client, path)
    for _ in range(12):
        add_notice(community, pinned=True)
    assert _queries(client, path) == few


def test_the_anonymous_list_carries_no_csrf_token_or_script(client, community):
    add_notice(community)
    page = client.get(f"/{community.slug}/notices/").content.decode()
    assert "csrfmiddlewaretoken" not in page
    assert "<script" not in page


def test_publishing_a_notice_retires_the_cached_list(client, community):
    path = f"/{community.slug}/notices/"
    client.get(path)
    assert client.get(path)["X-Page-Cache"] == "hit"
    add_notice(community, title="刚发布")
    response = client.get(path)
    assert response["X-Page-Cache"] == "miss"
    assert "刚发布" in response.content.decode()


def test_notices_are_in_the_community_navigation(client, community):
    home = client.get(f"/{community.slug}/").content.decode()
    assert f'href="/{community.slug}/notices/"' in home


def test_a_notice_lists_its_attachments_as_downloads(client, community):
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    from governance.models import NoticeAttachment

    document = Document.objects.create(
        title="报名表", file=ContentFile(b"%PDF-1.4 form", name="form.pdf")
    )
    notice = add_notice(community, publish=False)
    NoticeAttachment.objects.create(page=notice, document=document, title="活动报名表")
    notice.save_revision().publish()
    page = client.get(notice.url).content.decode()
    assert "Attachments" in page
    assert "活动报名表" in page
    assert f'href="{document.url}" download' in page


def test_communities_made_before_governance_are_set_up_after_migrating(community):
    from governance.models import Body
    from governance.registration import _setup_communities_after_migrate

    NoticeIndexPage.objects.get(community=community).delete()
    Body.objects.filter(community=community).delete()
    _setup_communities_after_migrate(sender=None)
    assert NoticeIndexPage.objects.filter(community=community).exists()
    assert Body.objects.filter(community=community).count() == 9
