"""What assistance.discovery adds to the platform's registries (called from
assistance.registration.register): its notification kinds, the report links in
the community navigation, the volunteers' shift action for visiting activities,
the work-list section, the dashboard section, the escalation job, the
personal-data collector and anonymiser, and the demo."""

from __future__ import annotations

import datetime
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts import personal_data
from assistance.discovery import collectors, demo, services
from assistance.discovery.section import SECTION
from assistance.discovery.selectors import waiting_for_visit
from assistance.discovery.tasks import escalate_overdue
from assistance.discovery.views import NAV_KEY
from assistance.worklist import registry as worklist
from communities import demo as demo_registry
from communities import navigation, oversight
from communities.roles.rules import is_aid_coordinator
from notifications import kinds, scheduling
from volunteers.shifts import actions as shift_actions


def _lists_reports(user: Any, community: Any) -> bool:
    return user.is_authenticated and user.has_perm("assistance.list_reports", community)


def _report_from_shift_url(shift: Any) -> str:
    base = reverse("assistance:report-new", args=[shift.activity.community.slug])
    return f"{base}?shift={shift.pk}"


def _work(user: Any, community: Any) -> dict[str, Any] | None:
    if not is_aid_coordinator(user, community):
        return None
    rows, waiting, overdue = waiting_for_visit(community)
    return {"rows": rows, "waiting": waiting, "overdue": overdue}


def register() -> None:
    kinds.register(services.KIND_REPORT_NEW, services.KIND_REPORT_NEW_LABEL)
    kinds.register(services.KIND_REPORT_HANDLED, services.KIND_REPORT_HANDLED_LABEL)
    kinds.register(services.KIND_REPORT_ESCALATED, services.KIND_REPORT_ESCALATED_LABEL)
    navigation.register(
        navigation.NavItem(
            key=NAV_KEY,
            label=_("Reports of households in difficulty"),
            url=lambda c: reverse("assistance:reports", args=[c.slug]),
            visible=_lists_reports,
            order=81,
            staff=True,
            group="assistance",
        )
    )
    navigation.register(
        navigation.NavItem(
            key="assistance-report-new",
            label=_("Report a household in difficulty"),
            url=lambda c: reverse("assistance:report-new", args=[c.slug]),
            visible=lambda user, community: True,
            order=82,
        )
    )
    shift_actions.register(
        shift_actions.ShiftAction(
            key="assistance.report",
            label=_("Report a household that may need help"),
            url=_report_from_shift_url,
            visible=lambda user, shift, signup: shift.activity.home_visits,
        )
    )
    worklist.register(
        worklist.WorkSection(
            key="reports",
            title=_("Reports to visit"),
            order=10,
            template="assistance/discovery/_work.html",
            context=_work,
        )
    )
    oversight.register(SECTION)
    scheduling.register(
        "assistance.escalate_overdue_reports",
        escalate_overdue,
        every=datetime.timedelta(minutes=30),
    )
    personal_data.register_collector("assistance_reports", collectors.collect_reports)
    personal_data.register_anonymiser(services.unlink_reporter)
    demo_registry.register("assistance.discovery", demo.seed, order=74)


def connect() -> None:
    """Nothing to connect."""
