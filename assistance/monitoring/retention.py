"""What reviews and warnings blank when a case's retention period ends (the
amounts and outcomes stay, as for the case itself)."""

from __future__ import annotations

from assistance.monitoring.models import AmountChange, EarlyWarning, Review


def anonymise(case_ids: list[int]) -> None:
    Review.objects.filter(case_id__in=case_ids).update(
        findings="", history="", reasons=""
    )
    AmountChange.objects.filter(case_id__in=case_ids).update(reason="")
    EarlyWarning.objects.filter(case_id__in=case_ids).update(detail="", action_note="")
