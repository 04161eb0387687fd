"""The household's instalments in its personal-data export (as the applicant or
a member of the applying household): amounts, dates, states, decrypted."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from assistance.instalments.models import Instalment


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def collect_instalments(user: Any) -> list[dict[str, Any]]:
    rows = (
        Instalment.objects.filter(Q(case__applicant=user) | Q(case__members__user=user))
        .distinct()
        .select_related("case")
        .order_by("case__created_at", "position")
    )
    return [
        {
            "tracking_number": row.case.tracking_number,
            "number": row.position,
            "due_on": _iso(row.due_on),
            "amount": str(row.amount),
            "condition": row.condition,
            "state": row.state,
            "released_at": _iso(row.released_at),
            "skipped_or_stopped_at": _iso(row.ended_at),
            "reason": row.reason,
        }
        for row in rows
    ]
