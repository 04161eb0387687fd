"""Personal data of service referrals: the household's referrals (service,
status, dates, organisation, outcome) in its members' export, and a social
worker's own visits in theirs."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from assistance.referrals.models import Referral, ReferralVisit


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def collect_household_referrals(user: Any) -> list[dict[str, Any]]:
    rows = (
        Referral.objects.filter(Q(case__applicant=user) | Q(case__members__user=user))
        .distinct()
        .select_related("case", "organisation")
        .order_by("referred_at", "pk")
    )
    return [
        {
            "case": r.case.tracking_number,
            "service": r.service,
            "organisation": r.organisation.name,
            "status": r.status,
            "referred_at": _iso(r.referred_at),
            "accepted_at": _iso(r.accepted_at),
            "closed_at": _iso(r.closed_at),
            "outcome": r.outcome,
        }
        for r in rows
    ]


def collect_worker_visits(user: Any) -> list[dict[str, Any]]:
    """The visits this person recorded as a social worker (their own notes;
    the household is named only by the case's tracking number)."""
    rows = (
        ReferralVisit.objects.filter(worker=user)
        .select_related("referral__case")
        .order_by("visited_on", "pk")
    )
    return [
        {
            "case": v.referral.case.tracking_number,
            "service": v.referral.service,
            "visited_on": _iso(v.visited_on),
            "minutes": v.minutes,
            "notes": v.notes,
            "recorded_at": _iso(v.recorded_at),
        }
        for v in rows
    ]
