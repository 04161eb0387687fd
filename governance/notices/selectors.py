"""Reads of notices for other pages: the CMS editor's address for a new notice
(the work desk's "发布通知")."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from governance.notices.pages import NoticeIndexPage


def publish_links(communities: Any) -> dict[int, str]:
    """{community pk: the editor's address for a new notice under the community's
    notice list}: one query."""
    return {
        community_id: reverse(
            "wagtailadmin_pages:add", args=["governance", "noticepage", pk]
        )
        for community_id, pk in NoticeIndexPage.objects.filter(
            community__in=communities
        ).values_list("community_id", "pk")
    }
