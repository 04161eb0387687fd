"""A community's follow-up items are paginated (issue 16), the status filter kept."""

from __future__ import annotations

import pytest

from consultation.followup import services as followup_services
from tests.support.pagination import assert_paginated

pytestmark = pytest.mark.django_db


def test_the_follow_up_items_are_paginated(client, monkeypatch, resolution, committee):
    def add(n):
        for i in range(n):
            followup_services.add_item(
                actor=committee,
                resolution=resolution,
                title=f"任务{i}",
                owner_unit="物业公司",
            )

    url = f"/{resolution.community.slug}/consultations/followups/?status=open"
    assert_paginated(client, monkeypatch, url, add, key="items", keep="status=open")
