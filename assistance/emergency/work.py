"""The coordinator's work list section: advance aid whose paperwork (the case's
application) is not completed yet, the earliest due first, overdue marked."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from assistance.emergency.selectors import waiting_paperwork
from assistance.worklist.registry import WorkSection


def context(user: Any, community: Any) -> dict[str, Any] | None:
    if not user.has_perm("assistance.list_advance_aid", community):
        return None
    found = waiting_paperwork(community)
    if not found["waiting"]:
        return None
    return {**found, "today": timezone.localdate()}


SECTION = WorkSection(
    key="emergency_paperwork",
    title=_("先行救助 paperwork to complete"),
    template="assistance/emergency/_work.html",
    context=context,
    order=20,
)
