"""Background tasks of charity donations."""

from __future__ import annotations

from django.tasks import task

from charity.donations import services


@task
def lapse_pledges() -> int:
    """Let pledges whose money did not arrive in time lapse (hourly)."""
    return services.lapse_pledges()
