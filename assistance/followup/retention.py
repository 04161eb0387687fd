"""What follow-up plans blank when a case's retention period ends."""

from __future__ import annotations

from assistance.followup.models import FollowUpItem


def anonymise(case_ids: list[int]) -> None:
    FollowUpItem.objects.filter(case_id__in=case_ids).update(what="", done_note="")
