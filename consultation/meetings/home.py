"""Meetings on the community home and in "waiting for you"."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from communities.home import HomeItem
from consultation.meetings import selectors

# The community home shows the meetings of the next two weeks.
COMING_DAYS = 14


def _item(meeting: Any, slug: str) -> HomeItem:
    when = date_format(timezone.localtime(meeting.starts_at), "SHORT_DATETIME_FORMAT")
    return HomeItem(
        title=meeting.title,
        url=reverse("consultation:meeting", args=[slug, meeting.pk]),
        meta=f"{when} · {meeting.place}" if meeting.place else when,
    )


def coming_meetings(community: Any, limit: int) -> list[HomeItem]:
    return [
        _item(meeting, community.slug)
        for meeting in selectors.upcoming_meetings(community, COMING_DAYS, limit)
    ]


def my_invitations(user: Any, community: Any, limit: int) -> list[HomeItem]:
    return [
        _item(meeting, community.slug)
        for meeting in selectors.invited_meetings(user, community, COMING_DAYS, limit)
    ]
