"""Background tasks of the charity app."""

from __future__ import annotations

from django.tasks import task


@task
def lapse_pledges() -> int:
    """Let pledges whose money did not arrive in time lapse (hourly)."""
    from charity import services

    return services.lapse_pledges()
