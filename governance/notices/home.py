"""The latest notices on the community home."""

from __future__ import annotations

from typing import Any

from django.utils.formats import date_format

from communities.home import HomeItem
from governance.notices.pages import NoticeIndexPage


def _index(community: Any) -> NoticeIndexPage | None:
    return NoticeIndexPage.objects.filter(community=community).first()


def latest_notices(community: Any, limit: int) -> list[HomeItem]:
    index = _index(community)
    if index is None:
        return []
    return [
        HomeItem(
            title=page.title,
            url=page.get_url(),
            meta=date_format(page.first_published_at.date())
            if page.first_published_at
            else "",
        )
        for page in index.notices()[:limit]
    ]


def index_url(community: Any) -> str:
    index = _index(community)
    return index.get_url() if index else ""
