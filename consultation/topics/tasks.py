"""Background task: remind the committee of topics waiting for its decision."""

from __future__ import annotations

from django.tasks import task

from consultation.topics import services as topic_services


@task
def notify_overdue_decisions() -> int:
    """Hourly: tell the committee about petition topics past their decision date."""
    return topic_services.notify_overdue_decisions()
