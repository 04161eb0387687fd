"""The charter bench scenarios find a published charter in the demo data."""

from __future__ import annotations

import pytest

from bench.scenarios import charters

pytestmark = pytest.mark.django_db


def test_the_bench_pages_answer(seeded, client):
    for scenario in charters.SCENARIOS:
        path = scenario.path()
        assert client.get(path).status_code == 200, path
