"""Meetings in calendars: one meeting's .ics, and the personal-feed provider.

The iCalendar writer is the shared one (`notifications.calendar`): CRLF line ends,
75-octet folding, escaping. A meeting keeps its own stable UID and its SEQUENCE
(raised when its time or place changes), so a calendar app updates the event in
place; a cancelled meeting shows as CANCELLED.

Personal feed ("consultation.meetings" provider): the meetings a person is invited
to or registered for, once their notice is published, from 90 days ago on. Meetings
merely announced in the person's communities are not added: the feed is the
person's own diary, and every resident would otherwise receive every meeting.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from consultation.meetings.models import Meeting
from notifications.calendar import (
    FEED_PAST,
    Event,
    fold,  # noqa: F401
    to_ical,
)
from notifications.calendar import escape_text as escape  # noqa: F401


def _domain() -> str:
    hosts = [h for h in getattr(settings, "ALLOWED_HOSTS", []) if h not in ("*", "")]
    return hosts[0].lstrip(".") if hosts else "gongzhi.local"


def meeting_url(meeting: Meeting) -> str:
    return reverse("consultation:meeting", args=[meeting.community.slug, meeting.pk])


def meeting_event(meeting: Meeting, url: str = "") -> Event:
    location = meeting.place
    if meeting.online_url:
        location = f"{location} {meeting.online_url}".strip()
    return Event(
        uid=f"{meeting.uid}@{_domain()}",
        summary=meeting.title,
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        location=location,
        description=meeting.description or meeting.consultation.title,
        url=url,
        status="CANCELLED" if meeting.cancelled_at else "CONFIRMED",
        sequence=meeting.sequence,
        stamp=meeting.updated_at or timezone.now(),
    )


def calendar(meetings: Iterable[tuple[Meeting, str]], name: str = "") -> str:
    """A VCALENDAR with one VEVENT per (meeting, absolute url)."""
    return to_ical([meeting_event(m, url) for m, url in meetings], name=name)


def meetings_for(user):
    """The person's meetings (invited or registered), notice published, recent on."""
    return (
        Meeting.objects.filter(
            participants__user=user,
            notice_published_at__isnull=False,
            ends_at__gte=timezone.now() - FEED_PAST,
        )
        .select_related("community", "consultation")
        .distinct()
        .order_by("starts_at", "pk")
    )


def meeting_events(user) -> list[Event]:
    """Provider for the personal feed (one query)."""
    return [meeting_event(m, meeting_url(m)) for m in meetings_for(user)]


def my_meetings_name() -> str:
    return _("My consultation meetings")
