"""Background tasks of the governance app."""

from __future__ import annotations

from django.tasks import task


@task
def disclosure_daily() -> dict:
    """Due items for the periods just ended, overdue notices, escalations (daily)."""
    from governance.disclosures import run_daily

    return run_daily()
