"""The periodic-review panel of the staff case page: the next review, the
reviews and amount changes, the warnings, and the link to record a review."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from assistance.cases.models import Case
from assistance.monitoring import selectors
from assistance.monitoring.schedule import REVIEWABLE_KINDS


def review_panel(request: Any, case: Case) -> dict[str, Any] | None:
    if case.kind not in REVIEWABLE_KINDS or case.state not in ("confirmed", "stopped"):
        return None
    return {
        **selectors.case_history(case),
        "today": timezone.localdate(),
        "may_record": request.user.has_perm("assistance.record_review", case),
    }
