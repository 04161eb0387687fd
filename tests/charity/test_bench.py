"""The charity bench scenarios find their pages, and the 2,000-entry ledger page
renders in a fixed number of queries with totals over every entry."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench.scenarios import charity as scenario

pytestmark = pytest.mark.django_db


def test_the_ledger_scenario_renders_2000_entries_in_few_queries(client, community):
    path = scenario._project_page()
    assert scenario._project_page() == path  # idempotent
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    body = response.content.decode()
    assert "<td>100000.00</td>" in body  # received: 1,000 × 100
    assert "<td>50000.00</td>" in body  # spent: 1,000 × 50
    assert "(1000 entries)" in body
    assert len(queries) <= 12
    assert client.get(scenario._project_list()).status_code == 200
