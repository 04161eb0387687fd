"""The household's periodic reviews and amount changes in the personal-data
export of the applicant and the members of the applying household."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from assistance.monitoring.models import AmountChange, Review


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def collect_reviews(user: Any) -> dict[str, list[dict[str, Any]]]:
    mine = Q(case__applicant=user) | Q(case__members__user=user)
    reviews = (
        Review.objects.filter(mine).distinct().select_related("case").order_by("pk")
    )
    changes = (
        AmountChange.objects.filter(mine)
        .distinct()
        .select_related("case")
        .order_by("pk")
    )
    return {
        "reviews": [
            {
                "case": r.case.tracking_number,
                "visited_on": _iso(r.visited_on),
                "findings": r.findings,
                "changes": r.changes,
                "income_before": str(r.income_before),
                "income_after": str(r.income_after),
                "members_before": r.members_before,
                "members_after": r.members_after,
                "recalculated_amount": str(r.proposed_amount),
                "calculation": r.calculation,
                "outcome": r.outcome,
                "reasons": r.reasons,
                "from_month": _iso(r.from_month),
                "decided_at": _iso(r.decided_at),
            }
            for r in reviews
        ],
        "amount_changes": [
            {
                "case": c.case.tracking_number,
                "old_amount": str(c.old_amount),
                "new_amount": str(c.new_amount),
                "from_month": _iso(c.from_month),
                "reason": c.reason,
                "decided_at": _iso(c.decided_at),
            }
            for c in changes
        ],
    }
