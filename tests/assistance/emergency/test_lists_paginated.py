"""A district's declared emergencies are paginated (issue 16): one page of
periods, in the same queries however many were declared over the years."""

from __future__ import annotations

import datetime

import pytest

from assistance.emergency.models import EmergencyPeriod
from tests.support.pagination import assert_paginated

pytestmark = pytest.mark.django_db


def test_the_periods_are_paginated(client, monkeypatch, district, street, supervisor):
    client.force_login(supervisor)

    def add(n):
        for _ in range(n):
            day = datetime.date(2000, 1, 1) + datetime.timedelta(
                days=30 * EmergencyPeriod.objects.count()
            )
            period = EmergencyPeriod.objects.create(
                district=district, name="疫情", starts_on=day, ends_on=day
            )
            period.streets.add(street)

    url = f"/regions/{district.slug}/assistance/emergencies/"
    assert_paginated(client, monkeypatch, url, add, key="periods")
