"""Background tasks of the communities app."""

from __future__ import annotations

from django.tasks import task

from communities.roles import services


@task
def expire_role_grants() -> int:
    """Daily: Wagtail admin rights follow grants that started or ended by date."""
    return services.expire_role_grants()
