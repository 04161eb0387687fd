"""Background tasks of the consultation app."""

from __future__ import annotations

from django.tasks import task

from consultation import services


@task
def notify_overdue_decisions() -> int:
    """Hourly: tell the committee about petition topics past their decision date."""
    return services.notify_overdue_decisions()


@task
def publish_pending_resolutions() -> int:
    """Hourly: publish resolutions still waiting for the disclosure board."""
    from consultation.publishing import publish_pending

    return publish_pending()
