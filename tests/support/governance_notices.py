"""Helpers for notice tests: create notices the way the admin does (revision, publish)."""

from __future__ import annotations

import itertools

from governance.models import NoticeIndexPage, NoticePage

_numbers = itertools.count(1)


def add_notice(
    community, *, title=None, publish=True, user=None, pinned=False, **fields
) -> NoticePage:
    index = NoticeIndexPage.objects.get(community=community)
    number = next(_numbers)
    notice = index.add_child(
        instance=NoticePage(
            title=title or f"通知 {number}",
            slug=f"notice-{number}",
            summary=fields.pop("summary", "摘要"),
            body=fields.pop("body", "<p>正文</p>"),
            pinned=pinned,
            live=False,
            **fields,
        )
    )
    if publish:
        notice.save_revision(user=user).publish(user=user)
        notice.refresh_from_db()
    return notice
