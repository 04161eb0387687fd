"""Precomputed street and district dashboard totals (communities.oversight.snapshots):
the job stores what the live providers compute, the dashboard reads it while it
is fresh (saying as of when) and falls back to live figures otherwise."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from communities.models import RegionFigures
from communities.oversight import snapshots
from notifications import scheduling
from tests.communities.test_dashboards_all_sections import world  # noqa: F401

pytestmark = pytest.mark.django_db


def _live(region, user):
    with translation.override("en"):
        return snapshots.compute(region, user)


@pytest.mark.parametrize("who", ["street_officer", "district_officer"])
def test_the_job_stores_the_same_totals_as_the_live_providers(world, who):  # noqa: F811
    world["grow"](3)
    region = world["street"] if who == "street_officer" else world["district"]
    user = world[who]
    assert snapshots.refresh() > 0
    with translation.override("en"):
        stored = snapshots.stored(region, user)
    assert stored is not None
    live = _live(region, user)
    assert {
        s["key"]: [
            (f.key, str(f.label), f.count, f.url, f.tone)
            for f in stored.figures[s["key"]]
        ]
        for s in live
    } == {
        s["key"]: [
            (f["key"], f["label"], f["count"], f["url"], f["tone"])
            for f in s["figures"]
        ]
        for s in live
    }
    assert any(f["count"] for s in live for f in s["figures"])


def test_the_dashboard_reads_stored_totals_and_says_when(client, world):  # noqa: F811
    world["grow"](2)
    snapshots.refresh()
    district = world["district"]
    client.force_login(world["district_officer"])
    url = f"/regions/{district.slug}/dashboard/"
    response = client.get(url)
    assert response.status_code == 200
    assert response.context["figures_as_of"] is not None
    assert 'id="figures-as-of"' in response.content.decode()
    stored = {
        s.key: [t["count"] for t in s.totals] for s in response.context["sections"]
    }
    row = RegionFigures.objects.get(
        region=district,
        viewer=snapshots.viewer_key(world["district_officer"]),
        language="en",
    )
    assert stored == {
        s["key"]: [f["count"] for f in s["figures"]] for s in row.sections
    }


def test_stored_totals_cost_fewer_queries_that_do_not_grow(client, world):  # noqa: F811
    world["grow"](2)
    client.force_login(world["district_officer"])
    url = f"/regions/{world['district'].slug}/dashboard/"
    client.get(url)
    with CaptureQueriesContext(connection) as live:
        client.get(url)
    snapshots.refresh()
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    world["grow"](3)
    snapshots.refresh()
    with CaptureQueriesContext(connection) as large:
        client.get(url)
    assert len(small) == len(large) < len(live)


def test_stale_or_missing_totals_are_computed_live(client, world):  # noqa: F811
    world["grow"](1)
    snapshots.refresh()
    RegionFigures.objects.update(computed_at=timezone.now() - 4 * snapshots.period())
    client.force_login(world["street_officer"])
    response = client.get(f"/regions/{world['street'].slug}/dashboard/")
    assert response.context["figures_as_of"] is None
    RegionFigures.objects.all().delete()
    response = client.get(f"/regions/{world['street'].slug}/dashboard/")
    assert response.context["figures_as_of"] is None


def test_old_rows_are_removed_and_the_job_is_scheduled(world):  # noqa: F811
    world["grow"](1)
    snapshots.refresh()
    RegionFigures.objects.update(
        computed_at=timezone.now() - datetime.timedelta(days=1)
    )
    snapshots.refresh(regions=[])
    assert not RegionFigures.objects.exists()
    jobs = {job.name: job for job in scheduling.registered_jobs()}
    assert jobs["communities.refresh_region_figures"].every == snapshots.period()
