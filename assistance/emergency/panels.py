"""The emergency aid panel on the staff case page: the 先行救助 given before the
case, with the emergency-rules mark and the paperwork's due day."""

from __future__ import annotations

from typing import Any

from assistance.cases.panels import Panel
from assistance.emergency.models import AdvanceAid


def context(request: Any, case: Any) -> dict[str, Any] | None:
    aid = (
        AdvanceAid.objects.select_related("granted_by", "emergency_period")
        .filter(case=case)
        .first()
    )
    if aid is None:
        return None
    aid.case = case
    return {"aid": aid}


PANEL = Panel(
    key="advance_aid",
    template="assistance/emergency/_panel.html",
    context=context,
    order=5,
)
