"""The paired-region bench scenario finds its page, idempotently, and the page
with 100 tagged projects and 100 tagged activities renders in few queries."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench.scenarios import pairing as scenario

pytestmark = pytest.mark.django_db


def test_the_paired_region_scenario_renders_its_rows_in_few_queries(
    client, home_community
):
    path = scenario._region_page()
    assert scenario._region_page() == path  # idempotent
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    body = response.content.decode()
    assert "对口帮扶项目99" in body and "对口帮扶志愿活动99" in body
    assert len(queries) <= 9
