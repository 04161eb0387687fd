"""The demo data is searchable and gives the dashboards something to show."""

from __future__ import annotations

import pytest

from governance.notices import oversight
from governance.search import index as search_index

pytestmark = pytest.mark.django_db


def test_every_demo_community_has_its_dibao_notice_in_the_search(seeded):
    found = search_index.search("低保")
    assert {entry.community_id for entry in found} == {c.pk for c in seeded}
    assert not search_index.search("议事会").exists()  # scheduled, not yet live


def test_the_demo_gives_the_dashboard_published_and_scheduled_notices(seeded):
    totals = {f.key: f.count for f in oversight.figures(seeded, None)}
    assert totals["published"] == 3 * seeded.count()
    assert totals["scheduled"] == seeded.count()
