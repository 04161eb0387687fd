"""Background task: publish resolutions that the board could not take yet."""

from __future__ import annotations

from django.tasks import task

from consultation.followup.publishing import publish_pending


@task
def publish_pending_resolutions() -> int:
    """Hourly: publish resolutions still waiting for the disclosure board."""

    return publish_pending()
