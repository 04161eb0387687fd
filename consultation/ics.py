"""iCalendar (RFC 5545) text for meetings: CRLF line ends, 75-octet folding, escaping."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone

from consultation.models import Meeting

PRODID = "-//Gongzhi//Consultation//EN"


def escape(text: str) -> str:
    """Escape a TEXT value: backslash, semicolon, comma and newlines."""
    return (
        str(text)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str) -> str:
    """Fold a content line into parts of at most 75 octets (UTF-8 safe)."""
    encoded = line.encode("utf-8")
    if len(encoded) <= 75:
        return line
    parts: list[str] = []
    current = b""
    limit = 75
    for char in line:
        piece = char.encode("utf-8")
        if len(current) + len(piece) > limit:
            parts.append(current.decode("utf-8"))
            current = b""
            limit = 74  # continuation lines start with one space
        current += piece
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def _utc(value: datetime.datetime) -> str:
    return value.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def _domain() -> str:
    hosts = [h for h in getattr(settings, "ALLOWED_HOSTS", []) if h not in ("*", "")]
    return hosts[0].lstrip(".") if hosts else "gongzhi.local"


def event_lines(meeting: Meeting, url: str = "") -> list[str]:
    location = meeting.place
    if meeting.online_url:
        location = f"{location} {meeting.online_url}".strip()
    description = meeting.description or meeting.consultation.title
    lines = [
        "BEGIN:VEVENT",
        f"UID:{meeting.uid}@{_domain()}",
        f"DTSTAMP:{_utc(meeting.updated_at or timezone.now())}",
        f"DTSTART:{_utc(meeting.starts_at)}",
        f"DTEND:{_utc(meeting.ends_at)}",
        f"SEQUENCE:{meeting.sequence}",
        f"SUMMARY:{escape(meeting.title)}",
        f"DESCRIPTION:{escape(description)}",
    ]
    if location:
        lines.append(f"LOCATION:{escape(location)}")
    if url:
        lines.append(f"URL:{url}")
    lines.append("STATUS:CANCELLED" if meeting.cancelled_at else "STATUS:CONFIRMED")
    lines.append("END:VEVENT")
    return lines


def calendar(meetings: Iterable[tuple[Meeting, str]], name: str = "") -> str:
    """A VCALENDAR with one VEVENT per (meeting, absolute url)."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]
    if name:
        lines.append(f"X-WR-CALNAME:{escape(name)}")
    for meeting, url in meetings:
        lines.extend(event_lines(meeting, url))
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
