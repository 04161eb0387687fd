"""A district's spot checks are paginated (issue 16): one page of months drawn,
in the same queries however many months."""

from __future__ import annotations

import datetime

import pytest

from assistance.oversight.models import SpotCheck
from tests.support.pagination import assert_paginated

pytestmark = pytest.mark.django_db


def test_the_spot_checks_are_paginated(client, monkeypatch, place, supervisor):
    client.force_login(supervisor)

    def add(n):
        for _ in range(n):
            months = SpotCheck.objects.count()
            SpotCheck.objects.create(
                district=place["district"],
                month=datetime.date(2000 + months // 12, months % 12 + 1, 1),
                share="0.100",
                drawn_by=supervisor,
            )

    url = f"/regions/{place['district'].slug}/assistance/spot-checks/"
    assert_paginated(client, monkeypatch, url, add, key="spot_checks")
