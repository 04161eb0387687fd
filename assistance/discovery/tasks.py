"""Background tasks of assistance.discovery."""

from __future__ import annotations

from django.tasks import task

from assistance.discovery.services import escalate_overdue_reports


@task
def escalate_overdue() -> int:
    """Send reports not visited in time to the street (every half hour)."""
    return escalate_overdue_reports()
