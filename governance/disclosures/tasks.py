"""Background tasks of the governance app."""

from __future__ import annotations

from django.tasks import task

from governance.disclosures.services.schedule import run_daily


@task
def disclosure_daily() -> dict:
    """Due items for the periods just ended, overdue notices, escalations (daily)."""

    return run_daily()
