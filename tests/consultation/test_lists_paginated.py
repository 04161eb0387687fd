"""A community's consultation list is paginated (issue 16): topics (`?page=`,
the state filter kept) and suggestions (`?suggestions=`) one page at a time."""

from __future__ import annotations

import pytest

from consultation.topics.models import State
from tests.consultation.factories import ConsultationFactory, SuggestionFactory
from tests.support.pagination import assert_paginated

pytestmark = pytest.mark.django_db


def test_the_topics_are_paginated_and_keep_the_state_filter(
    client, monkeypatch, community
):
    def add(n):
        ConsultationFactory.create_batch(n, community=community)

    url = f"/{community.slug}/consultations/?state={State.PROPOSED}"
    assert_paginated(
        client, monkeypatch, url, add, key="consultations", keep="state=proposed"
    )


def test_the_suggestions_are_paginated(client, monkeypatch, community):
    def add(n):
        SuggestionFactory.create_batch(n, community=community)

    assert_paginated(
        client,
        monkeypatch,
        f"/{community.slug}/consultations/",
        add,
        key="suggestions",
        param="suggestions",
    )
