"""What instalments blank when a case's retention period ends (amounts and dates stay)."""

from __future__ import annotations

from assistance.instalments.models import Instalment


def anonymise(case_ids: list[int]) -> None:
    Instalment.objects.filter(case_id__in=case_ids).update(
        condition="", check_note="", reason=""
    )
