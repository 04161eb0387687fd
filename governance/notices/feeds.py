"""The Atom feed of a community: its notices and its disclosures, newest first.

Served at /<slug>/feed/ and, for readers subscribed before disclosures existed, at
/<slug>/notices/feed/. Only published pages appear (unexpired notices; the current
version of each disclosure, corrections shown as updates).
"""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from communities import wording
from communities.models import Community
from governance.disclosures.pages import DisclosureIndexPage, DisclosurePage
from governance.notices.pages import NoticeIndexPage

FEED_ITEMS = 30


class NoticeFeed(Feed):
    """Published notices and disclosures of one community, newest first."""

    feed_type = Atom1Feed

    def get_object(self, request, slug: str) -> Community:
        community = get_object_or_404(Community, slug=slug)
        get_object_or_404(NoticeIndexPage, community=community)
        return community

    def title(self, obj: Community) -> str:
        return _("Notices and disclosures of %(community)s") % {"community": obj.name}

    def link(self, obj: Community) -> str:
        return f"/{obj.slug}/notices/"

    def subtitle(self, obj: Community) -> str:
        return _("Notices and %(affairs)s disclosures published by %(community)s.") % {
            "affairs": wording.term(obj, "affairs"),
            "community": obj.name,
        }

    def items(self, obj: Community):
        notices = list(
            NoticeIndexPage.objects.get(community=obj)
            .notices()
            .order_by("-first_published_at", "-pk")[:FEED_ITEMS]
        )
        index = DisclosureIndexPage.objects.filter(community=obj).first()
        disclosures = (
            list(
                index.disclosures().order_by("-first_published_at", "-pk")[:FEED_ITEMS]
            )
            if index is not None
            else []
        )
        merged = sorted(
            notices + disclosures,
            key=lambda page: (page.first_published_at, page.pk),
            reverse=True,
        )
        return merged[:FEED_ITEMS]

    def item_title(self, item) -> str:
        if isinstance(item, DisclosurePage):
            return _("Disclosure (%(category)s): %(title)s") % {
                "category": item.get_category_display(),
                "title": item.title,
            }
        return item.title

    def item_description(self, item) -> str:
        text = item.summary or item.search_description or ""
        if isinstance(item, DisclosurePage) and item.correction_note:
            label = _("Correction")
            text = f"{text}\n{label}: {item.correction_note}".strip()
        return text

    def item_link(self, item) -> str:
        return item.get_url() or "/"

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at


CommunityFeed = NoticeFeed
