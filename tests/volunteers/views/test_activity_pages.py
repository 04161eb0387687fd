from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from communities import navigation
from notifications.models import Notification
from tests.factories import CommunityFactory, UserFactory
from tests.volunteers.factories import (
    ActivityFactory,
    ShiftFactory,
    active_volunteer,
)
from volunteers.models import Activity, SignUp
from volunteers.shifts import services

pytestmark = pytest.mark.django_db


def _list_url(community):
    return reverse("volunteers:activity-list", args=[community.slug])


def _page_url(activity):
    return reverse("volunteers:activity", args=[activity.community.slug, activity.pk])


def test_the_community_navigation_links_to_volunteering(rf):
    community = CommunityFactory()
    request = rf.get("/")
    request.user = UserFactory()
    urls = [
        item["url"]
        for item in navigation.items_for(request=request, community=community)
    ]
    assert _list_url(community) in urls


def test_anyone_sees_published_activities_with_places_left_but_no_drafts(client):
    shift = ShiftFactory(capacity=3)
    ActivityFactory(
        community=shift.activity.community,
        title="Secret draft",
        status=Activity.Status.DRAFT,
    )
    services.sign_up(volunteer=active_volunteer(shift.activity.community), shift=shift)
    html = client.get(_list_url(shift.activity.community)).content.decode()
    assert shift.activity.title in html
    assert "2 places left" in html
    assert "Secret draft" not in html
    assert "csrfmiddlewaretoken" not in html


def test_a_draft_activity_page_is_not_found_for_residents(client):
    activity = ActivityFactory(status=Activity.Status.DRAFT)
    client.force_login(active_volunteer(activity.community))
    assert client.get(_page_url(activity)).status_code == 404


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


def test_the_activity_list_query_count_does_not_grow_with_activities_and_shifts(client):
    community = CommunityFactory()
    client.force_login(active_volunteer(community))
    ShiftFactory(activity__community=community)
    few = _queries(client, _list_url(community))
    for _ in range(4):
        activity = ActivityFactory(community=community)
        for _ in range(3):
            shift = ShiftFactory(activity=activity)
            services.sign_up(volunteer=active_volunteer(community), shift=shift)
    assert _queries(client, _list_url(community)) == few


def test_the_list_shows_the_next_five_shifts_of_an_activity_and_links_to_the_rest(
    client,
):
    activity = ActivityFactory()
    soon = timezone.now().replace(microsecond=0) + timedelta(days=1)
    for day in range(8):
        start = soon + timedelta(days=day)
        ShiftFactory(
            activity=activity, starts_at=start, ends_at=start + timedelta(hours=2)
        )
    html = client.get(_list_url(activity.community)).content.decode()
    shown = [
        (soon + timedelta(days=day)).astimezone(timezone.get_current_timezone())
        for day in range(8)
    ]
    for when in shown[:5]:
        assert when.strftime("%Y-%m-%d %H:%M") in html
    for when in shown[5:]:
        assert when.strftime("%Y-%m-%d %H:%M") not in html
    assert f"Every shift of {activity.title}" in html
    assert f'href="{_page_url(activity)}"' in html

    other = ActivityFactory(community=activity.community)
    ShiftFactory(activity=other)
    html = client.get(_list_url(activity.community)).content.decode()
    assert f"Every shift of {other.title}" not in html


def test_the_activity_page_query_count_does_not_grow_with_shifts(client):
    shift = ShiftFactory()
    community = shift.activity.community
    person = active_volunteer(community)
    client.force_login(person)
    few = _queries(client, _page_url(shift.activity))
    for _ in range(6):
        more = ShiftFactory(activity=shift.activity)
        services.sign_up(volunteer=active_volunteer(community), shift=more)
    services.sign_up(volunteer=person, shift=more)
    assert _queries(client, _page_url(shift.activity)) == few


def test_a_volunteer_signs_up_then_the_next_one_waits_and_moves_up_on_cancel(client):
    shift = ShiftFactory(capacity=1)
    first = active_volunteer(shift.activity.community)
    second = active_volunteer(shift.activity.community)
    sign_up = reverse(
        "volunteers:shift-sign-up", args=[shift.activity.community.slug, shift.pk]
    )
    cancel = reverse(
        "volunteers:shift-cancel", args=[shift.activity.community.slug, shift.pk]
    )

    client.force_login(first)
    page = client.get(_page_url(shift.activity)).content.decode()
    assert "Sign up for" in page
    response = client.post(sign_up, follow=True)
    assert "You have a place on this shift." in response.content.decode()

    client.force_login(second)
    assert (
        "Join the waitlist for"
        in client.get(_page_url(shift.activity)).content.decode()
    )
    response = client.post(sign_up, follow=True)
    assert "you are on the waitlist" in response.content.decode()

    client.force_login(first)
    response = client.post(cancel, follow=True)
    assert "Your sign-up is cancelled." in response.content.decode()
    assert SignUp.objects.get(volunteer=second).status == "confirmed"
    assert Notification.objects.filter(
        recipient=second, kind="volunteers.moved_up"
    ).exists()


def test_a_refused_sign_up_says_why_and_saves_nothing(client):
    shift = ShiftFactory()
    client.force_login(UserFactory())
    sign_up = reverse(
        "volunteers:shift-sign-up", args=[shift.activity.community.slug, shift.pk]
    )
    response = client.post(sign_up, follow=True)
    assert (
        "Complete your volunteer profile before signing up."
        in response.content.decode()
    )
    assert not SignUp.objects.exists()


def test_an_anonymous_sign_up_goes_to_sign_in(client):
    shift = ShiftFactory()
    sign_up = reverse(
        "volunteers:shift-sign-up", args=[shift.activity.community.slug, shift.pk]
    )
    response = client.post(sign_up)
    assert response.status_code == 302
    assert "login" in response.url
    assert not SignUp.objects.exists()


def test_an_anonymous_visitor_sees_places_left_and_a_sign_in_link_without_forms(
    client,
):
    shift = ShiftFactory(capacity=4)
    html = client.get(_page_url(shift.activity)).content.decode()
    assert "Sign in to sign up for a shift." in html
    assert f'data-places-left="{shift.pk}"' in html
    assert "csrfmiddlewaretoken" not in html
    assert "<script>" not in html
