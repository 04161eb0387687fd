"""Personal calendars: an iCalendar writer, event providers and the secret feed.

A foundation every feature app may use (issue 4 §2, issue 5 §7).

The writer follows RFC 5545: CRLF line ends, lines folded at 75 octets (never inside
a UTF-8 character), TEXT values escaped, a stable UID and a DTSTAMP per event.
Times are written in UTC ("Z"), which every client shows in its own zone and which
needs no VTIMEZONE block.

A person's feed (one secret URL per person, `CalendarFeed`) gathers events from
every registered provider: volunteering registers its shifts, consultation the
meetings the person is invited to or registered for. An app adds its events with
`register(key, fn)` in its `AppConfig.ready()`; a provider takes the person and
returns `Event`s with site-relative URLs, in a fixed number of queries.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from audit.services import record
from notifications.models import CalendarFeed, new_feed_token

CRLF = "\r\n"
LINE_OCTETS = 75
PRODID = "-//Gongzhi//Community governance//ZH"
# How far back a personal feed keeps past events (providers use it).
FEED_PAST = datetime.timedelta(days=90)


@dataclass(frozen=True)
class Event:
    uid: str
    summary: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    location: str = ""
    description: str = ""
    url: str = ""  # site-relative (made absolute by the writer) or absolute
    status: str = "CONFIRMED"  # CONFIRMED, TENTATIVE or CANCELLED
    sequence: int | None = None  # the revision, for events that change
    stamp: datetime.datetime | None = None  # DTSTAMP; "now" when not given


# ---------------------------------------------------------------------------
# Providers
# ---------------------------------------------------------------------------
Provider = Callable[[object], Iterable[Event]]
_PROVIDERS: dict[str, Provider] = {}


def register(key: str, provider: Provider) -> None:
    """Add (or replace) a source of events for personal feeds."""
    _PROVIDERS[key] = provider


def unregister(key: str) -> None:
    _PROVIDERS.pop(key, None)


def providers() -> dict[str, Provider]:
    return dict(_PROVIDERS)


def events_for(user) -> list[Event]:
    """Every provider's events for the person, in time order."""
    events: list[Event] = []
    for key in sorted(_PROVIDERS):
        events.extend(_PROVIDERS[key](user))
    return sorted(events, key=lambda e: (e.starts_at, e.uid))


# ---------------------------------------------------------------------------
# The writer
# ---------------------------------------------------------------------------
def escape_text(value: str) -> str:
    """Escape a TEXT value (RFC 5545 §3.3.11)."""
    value = str(value)
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """Fold a content line into chunks of at most 75 octets (RFC 5545 §3.1)."""
    chunks: list[str] = []
    current, size = "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > LINE_OCTETS:
            chunks.append(current)
            # A continuation line starts with one space, which counts as an octet.
            current, size = " ", 1
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
        f"DTSTAMP:{utc(event.stamp or stamp)}",
        f"DTSTART:{utc(event.starts_at)}",
        f"DTEND:{utc(event.ends_at)}",
    ]
    if event.sequence is not None:
        lines.append(f"SEQUENCE:{event.sequence}")
    lines.append(f"SUMMARY:{escape_text(event.summary)}")
    if event.location:
        lines.append(f"LOCATION:{escape_text(event.location)}")
    if event.description:
        lines.append(f"DESCRIPTION:{escape_text(event.description)}")
    if event.url:
        url = event.url if "://" in event.url else absolute(event.url)
        lines.append(f"URL:{url}")
    lines += [f"STATUS:{event.status}", "END:VEVENT"]
    return lines


def to_ical(
    events: Iterable[Event],
    *,
    name: str = "",
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
    ]
    if name:
        lines.append(f"X-WR-CALNAME:{escape_text(name)}")
    lines.append("X-WR-TIMEZONE:Asia/Shanghai")
    for event in events:
        lines += _event_lines(event, stamp, absolute)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + CRLF for line in lines)


# ---------------------------------------------------------------------------
# The personal feed's secret token
# ---------------------------------------------------------------------------
def feed_for(user):
    """The person's feed, created on first use."""
    feed, _created = CalendarFeed.objects.get_or_create(user=user)
    return feed


def feed_by_token(token: str):
    """The feed behind a secret address, or None (also for a closed account)."""
    feed = CalendarFeed.objects.select_related("user").filter(token=token).first()
    if feed is None or not feed.user.is_active:
        return None
    return feed


@transaction.atomic
def reset_feed(*, user):
    """Give the feed a new secret URL; the old one stops working at once."""
    feed, created = CalendarFeed.objects.select_for_update().get_or_create(user=user)
    if not created:
        feed.token = new_feed_token()
        feed.save(update_fields=["token", "created_at"])
    record(actor=user, action="notifications.calendar_feed_reset", target=feed)
    return feed


def delete_feed(*, user) -> None:
    """The feed address of a deleted account stops working."""
    CalendarFeed.objects.filter(user=user).delete()
