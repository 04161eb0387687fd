"""What assistance.followup adds to the platform's registries (called from
assistance.registration.register): the owners' notification kind, the
case-page panel, the work-list section and the step labels."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from assistance.cases import panels
from assistance.cases.models import ACTION_LABELS
from assistance.followup import retention, selectors
from assistance.followup.panels import follow_up_panel
from assistance.followup.services import KIND_FOLLOW_UP
from assistance.privacy import anonymisers
from assistance.worklist import registry
from notifications import kinds


def _work(user: Any, community: Any) -> dict[str, Any] | None:
    rows = selectors.due_soon(community)
    if not rows:
        return None
    today = timezone.localdate()
    late = sum(1 for item in rows if item.due_on < today)
    return {"rows": rows, "waiting": len(rows), "overdue": late, "today": today}


def register() -> None:
    anonymisers.register(retention.anonymise)
    kinds.register(KIND_FOLLOW_UP, _("Follow-up items assigned to me"))
    ACTION_LABELS.update(
        {
            "plan_follow_up": _("follow-up item planned"),
            "follow_up_done": _("follow-up item done"),
        }
    )
    panels.register(
        panels.Panel(
            key="follow_up",
            template="assistance/followup/_panel.html",
            context=follow_up_panel,
            order=78,
        )
    )
    registry.register(
        registry.WorkSection(
            key="follow_up",
            title=_("Follow-up items due"),
            template="assistance/followup/_work.html",
            context=_work,
            order=45,
        )
    )


def connect() -> None:
    """Nothing to connect."""
