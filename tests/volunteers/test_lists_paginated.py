"""A community's volunteering page is paginated (issue 16): its published
activities (`?page=`) and, for coordinators, its drafts (`?drafts=`); an
activity's shifts, where signing up or cancelling comes back to the shift's page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from communities import pagination
from communities.models import Role
from tests.factories import CommunityFactory, RoleGrantFactory
from tests.support.pagination import PER_PAGE, assert_paginated
from tests.volunteers.factories import ActivityFactory, ShiftFactory, active_volunteer
from volunteers.models import Activity, SignUp

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


def test_signing_up_or_cancelling_lands_on_the_page_that_holds_the_shift(
    client, monkeypatch, community
):
    """A shift on the second page of an activity: after signing up for it, and
    after cancelling, the person is back on that page, at its row."""
    monkeypatch.setattr(pagination, "PER_PAGE", PER_PAGE)
    activity = ActivityFactory(community=community)
    # The factory's shifts start one after another: the last is alone on page 2.
    shifts = ShiftFactory.create_batch(PER_PAGE + 1, activity=activity)
    first, last = shifts[0], shifts[-1]
    page_url = f"/{community.slug}/volunteering/activities/{activity.pk}/"
    client.force_login(active_volunteer(community))

    response = client.post(
        reverse("volunteers:shift-sign-up", args=[community.slug, last.pk])
    )
    assert response["Location"] == f"{page_url}?page=2#shift-{last.pk}"
    body = client.get(response["Location"]).content.decode()
    assert f'id="shift-{last.pk}"' in body
    assert "Cancel my sign-up" in body and SignUp.objects.filter(shift=last).exists()

    response = client.post(
        reverse("volunteers:shift-cancel", args=[community.slug, last.pk])
    )
    assert response["Location"] == f"{page_url}?page=2#shift-{last.pk}"
    response = client.post(
        reverse("volunteers:shift-sign-up", args=[community.slug, first.pk])
    )
    assert response["Location"] == f"{page_url}#shift-{first.pk}"


def test_a_shifts_place_is_the_number_of_shifts_listed_before_it(
    monkeypatch, community
):
    """`shift_position` (SQL) counts what the page lists first: earlier shifts,
    and shifts at the same time with a smaller id; another activity's shifts do
    not count. The page number in `shift_url` follows from it."""
    from volunteers.shifts import selectors

    monkeypatch.setattr(pagination, "PER_PAGE", 2)
    activity = ActivityFactory(community=community)
    early = ShiftFactory(activity=activity)
    length = early.ends_at - early.starts_at
    later = {"starts_at": early.ends_at, "ends_at": early.ends_at + length}
    twins = ShiftFactory.create_batch(3, activity=activity, **later)
    ShiftFactory(activity=ActivityFactory(community=community), **later)
    shifts = [early, *twins]

    assert [selectors.shift_position(s) for s in shifts] == [0, 1, 2, 3]
    urls = [selectors.shift_url(community.slug, s) for s in shifts]
    assert ["?page=2" in url for url in urls] == [False, False, True, True]
