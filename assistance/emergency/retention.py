"""What emergency aid blanks when its case's retention period ends (amount,
cause and dates stay)."""

from __future__ import annotations

from assistance.emergency.models import AdvanceAid


def anonymise(case_ids: list[int]) -> None:
    AdvanceAid.objects.filter(case_id__in=case_ids).update(beneficiary_name="", note="")
