"""The Atom feed of a community's notices at /<slug>/notices/feed/."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from communities.models import Community
from governance.models import NoticeIndexPage

FEED_ITEMS = 30


class NoticeFeed(Feed):
    """Published, unexpired notices of one community, newest first (pinned ones too)."""

    feed_type = Atom1Feed

    def get_object(self, request, slug: str) -> NoticeIndexPage:
        community = get_object_or_404(Community, slug=slug)
        return get_object_or_404(
            NoticeIndexPage.objects.select_related("community"), community=community
        )

    def title(self, obj: NoticeIndexPage) -> str:
        return _("Notices of %(community)s") % {"community": obj.community.name}

    def link(self, obj: NoticeIndexPage) -> str:
        return obj.get_url() or f"/{obj.community.slug}/notices/"

    def subtitle(self, obj: NoticeIndexPage) -> str:
        return _("Notices published by the committee of %(community)s.") % {
            "community": obj.community.name
        }

    def items(self, obj: NoticeIndexPage):
        return obj.notices().order_by("-first_published_at", "-pk")[:FEED_ITEMS]

    def item_title(self, item) -> str:
        return item.title

    def item_description(self, item) -> str:
        return item.summary or item.search_description or ""

    def item_link(self, item) -> str:
        return item.get_url() or "/"

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at
