"""The supervision committee's review queue is paginated (issue 16): one page of
disclosures waiting, the community's pages a subquery, in the same queries
however many wait."""

from __future__ import annotations

import pytest

from tests.support.governance_disclosures import (
    add_disclosure,
    finance_body,
    submit,
    supervisor,
)
from tests.support.pagination import assert_paginated

pytestmark = pytest.mark.django_db


def test_the_review_queue_is_paginated(client, monkeypatch, community, editor):
    client.force_login(supervisor(community))

    def add(n):
        for _ in range(n):
            page = add_disclosure(
                community,
                category="finance",
                body=finance_body(),
                user=editor,
                publish=False,
            )
            submit(page, editor)

    url = f"/{community.slug}/disclosure-review/"
    assert_paginated(client, monkeypatch, url, add, key="waiting")
