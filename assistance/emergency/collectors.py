"""The 先行救助 given to the person's household in their personal-data export
(as the person helped, or as a verified member of the household), decrypted."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from assistance.emergency.models import AdvanceAid
from communities.models import Membership


def collect_advance_aid(user: Any) -> list[dict[str, Any]]:
    households = Membership.objects.filter(user=user).values("household_id")
    aids = (
        AdvanceAid.objects.filter(
            Q(household_id__in=households) | Q(case__applicant=user)
        )
        .distinct()
        .select_related("community", "case")
        .order_by("granted_at")
    )
    return [
        {
            "community": aid.community.name,
            "person_helped": aid.beneficiary_name,
            "cause": aid.cause,
            "amount": str(aid.amount),
            "what_happened": aid.note,
            "reported_at": aid.reported_at.isoformat(),
            "granted_at": aid.granted_at.isoformat(),
            "granted_as": aid.capacity,
            "under_emergency_rules": aid.under_emergency_rules,
            "case": aid.case.tracking_number,
            "paperwork_due": aid.paperwork_due.isoformat(),
        }
        for aid in aids
    ]
