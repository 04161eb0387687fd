"""What assistance.instalments adds to the platform's registries (called from
assistance.registration.register): the notification kind, the case-page panel,
the work-list section, the dashboard section, the step labels, the
personal-data collector and the demo."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts import personal_data
from assistance.cases import panels
from assistance.cases.models import ACTION_LABELS
from assistance.instalments import demo, retention, selectors
from assistance.instalments.collectors import collect_instalments
from assistance.instalments.notify import KIND_INSTALMENT
from assistance.instalments.panels import instalments_panel
from assistance.instalments.section import SECTION
from assistance.privacy import anonymisers
from assistance.worklist import registry
from communities import demo as demo_registry
from communities import oversight
from notifications import kinds


def _work(user: Any, community: Any) -> dict[str, Any] | None:
    rows = selectors.due_for_release(community)
    if not rows:
        return None
    today = timezone.localdate()
    late = sum(1 for row in rows if row.due_on < today)
    return {"rows": rows, "waiting": len(rows), "overdue": late, "today": today}


def register() -> None:
    anonymisers.register(retention.anonymise)
    kinds.register(KIND_INSTALMENT, _("Instalments of my assistance"))
    ACTION_LABELS.update(
        {
            "set_instalments": _("schedule of instalments set"),
            "release_instalment": _("instalment released"),
            "skip_instalment": _("instalment skipped"),
            "stop_instalments": _("remaining instalments stopped"),
        }
    )
    panels.register(
        panels.Panel(
            key="instalments",
            template="assistance/instalments/_panel.html",
            context=instalments_panel,
            order=75,
        )
    )
    registry.register(
        registry.WorkSection(
            key="instalments",
            title=_("Instalments to release"),
            template="assistance/instalments/_work.html",
            context=_work,
            order=40,
        )
    )
    oversight.register(SECTION)
    personal_data.register_collector("assistance_instalments", collect_instalments)
    demo_registry.register("assistance.staged", demo.seed, order=72)


def connect() -> None:
    """Nothing to connect."""
