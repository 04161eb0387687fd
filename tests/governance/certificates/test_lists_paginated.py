"""The committee's certificate queue is paginated (issue 16): one page of waiting
requests, in the same queries however many wait."""

from __future__ import annotations

import pytest

from tests.support.pagination import assert_paginated

pytestmark = pytest.mark.django_db


def test_the_queue_is_paginated(
    client, monkeypatch, community, committee, make_request
):
    client.force_login(committee)

    def add(n):
        for i in range(n):
            make_request(person_name=f"张{i}")

    url = f"/{community.slug}/certificates/queue/"
    assert_paginated(client, monkeypatch, url, add, key="rows")
