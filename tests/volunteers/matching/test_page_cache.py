"""Anonymous activity pages are cached whole and retired when places or shifts change."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import UserFactory
from tests.volunteers.factories import ShiftFactory, active_volunteer
from volunteers.shifts import services

pytestmark = pytest.mark.django_db


def _urls(shift):
    activity = shift.activity
    slug = activity.community.slug
    return [
        reverse("volunteers:activity-list", args=[slug]),
        reverse("volunteers:activity", args=[slug, activity.pk]),
    ]


def test_a_second_anonymous_visit_is_served_from_the_cache(client):
    shift = ShiftFactory()
    for url in _urls(shift):
        assert client.get(url)["X-Page-Cache"] == "miss"
        assert client.get(url)["X-Page-Cache"] == "hit"


def test_a_sign_up_retires_the_cached_places_left(client):
    shift = ShiftFactory(capacity=3)
    list_url, page_url = _urls(shift)
    assert "3 places left" in client.get(list_url).content.decode()
    client.get(page_url)
    services.sign_up(volunteer=active_volunteer(shift.activity.community), shift=shift)
    assert "2 places left" in client.get(list_url).content.decode()
    assert client.get(page_url)["X-Page-Cache"] == "miss"


def test_new_weekly_shifts_retire_the_cached_page(client):
    shift = ShiftFactory()
    _list_url, page_url = _urls(shift)
    client.get(page_url)
    start = timezone.now() + datetime.timedelta(days=20)
    services.add_weekly_shifts(
        actor=UserFactory(),
        activity=shift.activity,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=1),
        capacity=4,
    )
    response = client.get(page_url)
    assert response["X-Page-Cache"] == "miss"
    assert response.content.decode().count("data-places-left=") == 2


def test_signed_in_visitors_are_never_served_the_cache(client):
    shift = ShiftFactory()
    _list_url, page_url = _urls(shift)
    client.get(page_url)
    client.force_login(active_volunteer(shift.activity.community))
    response = client.get(page_url)
    assert "X-Page-Cache" not in response
    assert "Sign up for" in response.content.decode()
