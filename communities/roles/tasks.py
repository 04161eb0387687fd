"""Background tasks of the communities app."""

from __future__ import annotations

from django.tasks import task

from communities.roles import services


@task
def expire_role_grants() -> int:
    """Daily: Wagtail admin rights follow grants that started or ended by date."""
    return services.expire_role_grants()


@task
def refresh_region_figures() -> int:
    """Every REGION_FIGURES_MINUTES: the street and district dashboards' totals
    (communities.oversight.snapshots)."""
    # The oversight package registers every app's sections: read it at run time.
    from communities.oversight import snapshots

    return snapshots.refresh()
