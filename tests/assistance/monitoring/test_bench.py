"""The bench scenario's work list (bench/scenarios/assistance_worklist.py): the
coordinator's page runs the same number of queries with 5 and 50 recipient
households built the way the scenario builds its 5,000."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assistance.cases.models import Case
from bench.scenarios import assistance_worklist as scenario

pytestmark = pytest.mark.django_db


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    assert "Periodic reviews due" in response.content.decode()
    return len(captured)


def test_the_work_list_queries_do_not_grow_with_the_households(
    signed_in, coordinator, community
):
    client = signed_in(coordinator)
    url = reverse("assistance:work", args=[community.slug])
    scenario.build(community, 5)
    few = _queries(client, url)
    scenario.build(community, 45, marker="MORE")
    assert Case.objects.filter(community=community).count() == 50
    many = _queries(client, url)
    assert many == few, (few, many)
    assert many <= 30
