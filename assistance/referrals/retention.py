"""What referrals blank when a case's retention period ends (service, status
and outcome stay)."""

from __future__ import annotations

from assistance.referrals.models import Referral, ReferralVisit


def anonymise(case_ids: list[int]) -> None:
    Referral.objects.filter(case_id__in=case_ids).update(
        note="", outcome_summary="", decline_reason=""
    )
    ReferralVisit.objects.filter(referral__case_id__in=case_ids).update(notes="")
