"""Calendars (issue 5, §7): an iCalendar writer, event providers and the personal feed.

The writer follows RFC 5545: CRLF line ends, lines folded at 75 octets (never inside
a UTF-8 character), TEXT values escaped, a stable UID and a DTSTAMP per event.
Times are written in UTC ("Z"), which every client shows in its own zone and which
needs no VTIMEZONE block.

A person's feed gathers events from every registered provider: volunteering
registers its shifts here; other apps can add theirs later with `register(key, fn)`
(a provider takes the person and returns `Event`s with site-relative URLs).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import record

CRLF = "\r\n"
LINE_OCTETS = 75
PRODID = "-//Gongzhi//Community governance//ZH"
UID_DOMAIN = "gongzhi.volunteers"
# How far back a personal feed keeps past events.
FEED_PAST = datetime.timedelta(days=90)


@dataclass(frozen=True)
class Event:
    uid: str
    summary: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    location: str = ""
    description: str = ""
    url: str = ""  # site-relative; the writer makes it absolute
    status: str = "CONFIRMED"  # CONFIRMED, TENTATIVE or CANCELLED


# ---------------------------------------------------------------------------
# Providers
# ---------------------------------------------------------------------------
Provider = Callable[[object], Iterable[Event]]
_PROVIDERS: dict[str, Provider] = {}


def register(key: str, provider: Provider) -> None:
    """Add (or replace) a source of events for personal feeds."""
    _PROVIDERS[key] = provider


def providers() -> dict[str, Provider]:
    return dict(_PROVIDERS)


def events_for(user) -> list[Event]:
    events: list[Event] = []
    for key in sorted(_PROVIDERS):
        events.extend(_PROVIDERS[key](user))
    return sorted(events, key=lambda e: (e.starts_at, e.uid))


# ---------------------------------------------------------------------------
# The writer
# ---------------------------------------------------------------------------
def escape_text(value: str) -> str:
    """Escape a TEXT value (RFC 5545 §3.3.11)."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """Fold a content line into chunks of at most 75 octets (RFC 5545 §3.1)."""
    chunks: list[str] = []
    current, size = "", 0
    limit = LINE_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            chunks.append(current)
            # A continuation line starts with one space, which counts as an octet.
            current, size, limit = " ", 1, LINE_OCTETS
        current += char
        size += width
    chunks.append(current)
    return CRLF.join(chunks)


def utc(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def _event_lines(
    event: Event, stamp: datetime.datetime, absolute: Callable[[str], str]
) -> list[str]:
    lines = [
        "BEGIN:VEVENT",
        f"UID:{event.uid}",
        f"DTSTAMP:{utc(stamp)}",
        f"DTSTART:{utc(event.starts_at)}",
        f"DTEND:{utc(event.ends_at)}",
        f"SUMMARY:{escape_text(event.summary)}",
    ]
    if event.location:
        lines.append(f"LOCATION:{escape_text(event.location)}")
    if event.description:
        lines.append(f"DESCRIPTION:{escape_text(event.description)}")
    if event.url:
        lines.append(f"URL:{absolute(event.url)}")
    lines += [f"STATUS:{event.status}", "END:VEVENT"]
    return lines


def to_ical(
    events: Iterable[Event],
    *,
    name: str,
    absolute: Callable[[str], str] = lambda url: url,
) -> str:
    """A complete VCALENDAR document."""
    stamp = timezone.now()
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
        "X-WR-TIMEZONE:Asia/Shanghai",
    ]
    for event in events:
        lines += _event_lines(event, stamp, absolute)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + CRLF for line in lines)


# ---------------------------------------------------------------------------
# Volunteer shifts as events
# ---------------------------------------------------------------------------
def shift_event(shift, *, waiting: bool = False) -> Event:
    activity = shift.activity
    summary = activity.title
    if waiting:
        summary = _("%(activity)s (waitlist)") % {"activity": activity.title}
    return Event(
        uid=f"shift-{shift.pk}@{UID_DOMAIN}",
        summary=summary,
        starts_at=shift.starts_at,
        ends_at=shift.ends_at,
        location=activity.place,
        description=activity.description,
        url=reverse("volunteers:activity", args=[activity.community.slug, activity.pk]),
        status="TENTATIVE" if waiting else "CONFIRMED",
    )


def shift_events(user) -> list[Event]:
    """A person's confirmed and waitlisted shifts, from 90 days ago on (one query)."""
    from volunteers.models import SignUp

    signups = (
        SignUp.objects.filter(
            volunteer=user,
            status__in=[SignUp.Status.CONFIRMED, SignUp.Status.WAITING],
            shift__ends_at__gte=timezone.now() - FEED_PAST,
        )
        .select_related("shift__activity__community")
        .order_by("shift__starts_at", "pk")
    )
    return [
        shift_event(s.shift, waiting=s.status == SignUp.Status.WAITING) for s in signups
    ]


# ---------------------------------------------------------------------------
# The personal feed's secret token
# ---------------------------------------------------------------------------
def feed_for(user):
    """The person's feed, created on first use."""
    from volunteers.models import CalendarFeed

    feed, _created = CalendarFeed.objects.get_or_create(user=user)
    return feed


@transaction.atomic
def reset_feed(*, user):
    """Give the feed a new secret URL; the old one stops working at once."""
    from volunteers.matching_models import CalendarFeed, new_feed_token

    feed, created = CalendarFeed.objects.select_for_update().get_or_create(user=user)
    if not created:
        feed.token = new_feed_token()
        feed.save(update_fields=["token", "created_at"])
    record(actor=user, action="volunteers.calendar_feed_reset", target=feed)
    return feed
