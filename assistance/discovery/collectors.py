"""The reports a person filed, in their personal-data export: what they wrote
and when it was handled, never what the visit found."""

from __future__ import annotations

from typing import Any

from assistance.discovery.selectors import reports_of


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def collect_reports(user: Any) -> list[dict[str, Any]]:
    return [
        {
            "reference": report.reference,
            "community": report.community.name,
            "where": report.place,
            "what_you_saw": report.seen,
            "urgency": report.urgency,
            "reported_as": report.capacity,
            "phone": report.reporter_phone,
            "reported_at": _iso(report.created_at),
            "handled_at": _iso(report.handled_at),
        }
        for report in reports_of(user).order_by("created_at", "pk")
    ]
