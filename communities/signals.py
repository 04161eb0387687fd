"""Cache invalidation: content that public pages show changed, so retire the cache.

Receivers only bump the page-cache generation; no business rules live here.
"""

from __future__ import annotations

from django.db.models.signals import post_delete
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from communities.cache import bump_generation, invalidate_on_change
from communities.models import Community, CommunitySettings, Membership, Region


def connect() -> None:
    """Called from CommunitiesConfig.ready()."""
    page_published.connect(bump_generation, dispatch_uid="gz_cache_page_published")
    page_unpublished.connect(bump_generation, dispatch_uid="gz_cache_page_unpublished")
    post_page_move.connect(bump_generation, dispatch_uid="gz_cache_page_moved")
    # Page subclasses send post_delete with their own sender; listen to them all.
    post_delete.connect(_page_deleted, dispatch_uid="gz_cache_page_deleted")
    # Memberships feed the resident counts on community home pages.
    invalidate_on_change(
        Community, Region, CommunitySettings, Membership, uid="communities"
    )


def _page_deleted(sender, **kwargs) -> None:
    if isinstance(sender, type) and issubclass(sender, Page):
        bump_generation()
