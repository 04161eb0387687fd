"""A community's consultation list is paginated (issue 16): topics (`?page=`,
the state filter kept) and suggestions (`?suggestions=`) one page at a time."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from communities.cache import bump_generation
from consultation.meetings.models import Participant
from consultation.topics.models import State, Support
from tests.consultation.factories import (
    ConsultationFactory,
    MeetingFactory,
    SuggestionFactory,
)
from tests.factories import UserFactory
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


def test_a_meetings_participants_are_paginated(client, monkeypatch, community):
    """A 居民会议 of a thousand residents: the meeting page shows one page of
    its participants (`?participants=`)."""
    meeting = MeetingFactory(consultation__community=community)

    def add(n):
        Participant.objects.bulk_create(
            Participant(
                meeting=meeting,
                user=UserFactory(),
                kind=Participant.Kind.RESIDENT,
                how=Participant.How.REGISTERED,
            )
            for _ in range(n)
        )

    assert_paginated(
        client,
        monkeypatch,
        f"/{community.slug}/consultations/meetings/{meeting.pk}/",
        add,
        key="participants",
        param="participants",
    )


def test_a_suggestions_supporters_are_counted_not_read(client, community):
    """The suggestion page counts its supporters in SQL: the same queries for
    two supporters as for twelve."""
    suggestion = SuggestionFactory(community=community)
    me = UserFactory()
    Support.objects.create(suggestion=suggestion, user=me)
    client.force_login(me)
    url = f"/{community.slug}/consultations/suggestions/{suggestion.pk}/"

    def add(n):
        Support.objects.bulk_create(
            Support(suggestion=suggestion, user=UserFactory()) for _ in range(n)
        )

    def page():
        bump_generation()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        return response, len(queries)

    add(1)
    client.get(url)
    response, few = page()
    assert response.context["support_count"] == 2
    assert response.context["supported"] is True
    add(10)
    response, many = page()
    assert response.context["support_count"] == 12
    assert many <= few
