"""What assistance.monitoring adds to the platform's registries (called from
assistance.registration.register): the notification kind of review outcomes,
the work-list sections, the dashboards' section, the case-page panel, the
personal-data collector, the daily warning job, the demo; and (connect) the
first review date of a newly confirmed recipient."""

from __future__ import annotations

import datetime

from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _

from accounts import personal_data
from assistance.cases import panels
from assistance.cases.models import CaseEvent
from assistance.monitoring import collectors, demo, retention, section
from assistance.monitoring.notify import KIND_REVIEW_OUTCOME
from assistance.monitoring.panels import review_panel
from assistance.monitoring.schedule import on_case_event
from assistance.monitoring.warnings import compute_warnings_daily
from assistance.privacy import anonymisers
from assistance.worklist import registry as worklist
from communities import demo as demo_registry
from communities import oversight
from notifications import kinds, scheduling


def register() -> None:
    anonymisers.register(retention.anonymise)
    kinds.register(KIND_REVIEW_OUTCOME, _("Reviews of my assistance"))
    worklist.register(
        worklist.WorkSection(
            key="reviews",
            title=_("Periodic reviews due"),
            template="assistance/monitoring/_work_reviews.html",
            context=section.reviews_work,
            order=20,
        )
    )
    worklist.register(
        worklist.WorkSection(
            key="warnings",
            title=_("Early warnings"),
            template="assistance/monitoring/_work_warnings.html",
            context=section.warnings_work,
            order=30,
        )
    )
    oversight.register(section.SECTION)
    panels.register(
        panels.Panel(
            key="periodic_review",
            template="assistance/monitoring/_panel.html",
            context=review_panel,
            order=80,
        )
    )
    personal_data.register_collector("assistance_reviews", collectors.collect_reviews)
    scheduling.register(
        "assistance.compute_warnings",
        compute_warnings_daily,
        daily_at=datetime.time(5, 30),
    )
    demo_registry.register("assistance.monitoring", demo.seed, order=74)


def connect() -> None:
    post_save.connect(
        on_case_event, sender=CaseEvent, dispatch_uid="assistance_monitoring_schedule"
    )
