"""A community's volunteering page is paginated (issue 16): its published
activities (`?page=`) and, for coordinators, its drafts (`?drafts=`)."""

from __future__ import annotations

import pytest

from communities.models import Role
from tests.factories import CommunityFactory, RoleGrantFactory
from tests.support.pagination import assert_paginated
from tests.volunteers.factories import ActivityFactory, ShiftFactory
from volunteers.models import Activity

pytestmark = pytest.mark.django_db


@pytest.fixture
def community():
    return CommunityFactory()


def test_the_activities_are_paginated(client, monkeypatch, community):
    def add(n):
        for activity in ActivityFactory.create_batch(n, community=community):
            ShiftFactory(activity=activity)

    assert_paginated(
        client,
        monkeypatch,
        f"/{community.slug}/volunteering/",
        add,
        key="activities",
    )


def test_the_drafts_are_paginated(client, monkeypatch, community):
    client.force_login(
        RoleGrantFactory(role=Role.COORDINATOR, community=community).user
    )

    def add(n):
        ActivityFactory.create_batch(
            n, community=community, status=Activity.Status.DRAFT, published_at=None
        )

    assert_paginated(
        client,
        monkeypatch,
        f"/{community.slug}/volunteering/",
        add,
        key="drafts",
        param="drafts",
    )


def test_an_activitys_shifts_are_paginated(client, monkeypatch, community):
    activity = ActivityFactory(community=community)

    def add(n):
        ShiftFactory.create_batch(n, activity=activity)

    assert_paginated(
        client,
        monkeypatch,
        f"/{community.slug}/volunteering/activities/{activity.pk}/",
        add,
        key="rows",
    )
