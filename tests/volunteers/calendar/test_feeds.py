"""The personal feed at a secret URL, its reset, providers, and each shift's .ics."""

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from notifications import calendar
from notifications.models import CalendarFeed
from tests.factories import UserFactory
from tests.volunteers.factories import ShiftFactory, active_volunteer
from volunteers.models import Activity
from volunteers.shifts import services

pytestmark = pytest.mark.django_db


def _feed_url(person) -> str:
    return reverse("calendar:feed", args=[calendar.feed_for(person).token])


def _lines(response) -> list[str]:
    return response.content.decode().replace("\r\n ", "").split("\r\n")


@pytest.fixture
def person_with_shifts():
    confirmed = ShiftFactory(capacity=1)
    community = confirmed.activity.community
    person = active_volunteer(community)
    services.sign_up(volunteer=person, shift=confirmed)
    full = ShiftFactory(activity__community=community, capacity=1)
    services.sign_up(volunteer=active_volunteer(community), shift=full)
    services.sign_up(volunteer=person, shift=full)  # waitlist
    cancelled = ShiftFactory(activity__community=community)
    signup = services.sign_up(volunteer=person, shift=cancelled)
    services.cancel_sign_up(volunteer=person, signup=signup)
    someone_elses = ShiftFactory(activity__community=community)
    services.sign_up(volunteer=active_volunteer(community), shift=someone_elses)
    return person, confirmed, full, cancelled, someone_elses


def test_the_feed_holds_the_persons_shifts_without_signing_in(
    client, person_with_shifts
):
    person, confirmed, full, cancelled, someone_elses = person_with_shifts
    response = client.get(_feed_url(person))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "no-store" in response["Cache-Control"]
    lines = _lines(response)
    assert f"UID:shift-{confirmed.pk}@gongzhi.volunteers" in lines
    assert f"UID:shift-{full.pk}@gongzhi.volunteers" in lines
    assert f"UID:shift-{cancelled.pk}@gongzhi.volunteers" not in lines
    assert f"UID:shift-{someone_elses.pk}@gongzhi.volunteers" not in lines
    assert lines.count("STATUS:TENTATIVE") == 1
    assert f"SUMMARY:{full.activity.title} (waitlist)" in lines
    url = f"URL:http://testserver/{confirmed.activity.community.slug}/"
    assert any(line.startswith(url) for line in lines)


def test_a_wrong_token_finds_nothing(client):
    assert client.get(reverse("calendar:feed", args=["x" * 43])).status_code == 404


def test_resetting_invalidates_the_old_url(client, person_with_shifts):
    person = person_with_shifts[0]
    old = _feed_url(person)
    client.force_login(person)
    page = client.get(reverse("calendar:page"))
    assert old in page.content.decode()
    response = client.post(reverse("calendar:page"), follow=True)
    assert "The old address no longer works" in response.content.decode()
    new = _feed_url(person)
    assert new != old
    assert new in response.content.decode()
    client.logout()
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200
    assert AuditEvent.objects.filter(
        action="notifications.calendar_feed_reset", actor=person
    ).exists()


def test_the_calendar_page_needs_sign_in(client):
    response = client.get(reverse("calendar:page"))
    assert response.status_code == 302
    assert not CalendarFeed.objects.exists()


def test_each_person_has_their_own_token():
    first, second = UserFactory(), UserFactory()
    assert calendar.feed_for(first).token != calendar.feed_for(second).token
    assert calendar.feed_for(first).token == calendar.feed_for(first).token


def test_other_apps_can_add_events_through_a_provider(client, person_with_shifts):
    person = person_with_shifts[0]
    confirmed = person_with_shifts[1]

    def meetings(user):
        if user != person:
            return []
        return [
            calendar.Event(
                uid="meeting-1@gongzhi.test",
                summary="议事会",
                starts_at=confirmed.starts_at,
                ends_at=confirmed.ends_at,
            )
        ]

    calendar.register("test.meetings", meetings)
    try:
        lines = _lines(client.get(_feed_url(person)))
    finally:
        calendar.unregister("test.meetings")
    assert "UID:meeting-1@gongzhi.test" in lines
    assert "SUMMARY:议事会" in lines


def test_the_feed_query_count_does_not_grow(
    client, person_with_shifts, django_assert_max_num_queries
):
    person = person_with_shifts[0]
    community = person_with_shifts[1].activity.community
    for _ in range(10):
        services.sign_up(
            volunteer=person, shift=ShiftFactory(activity__community=community)
        )
    url = _feed_url(person)
    # The token and person, then one query per provider (shifts, meetings).
    with django_assert_max_num_queries(1 + len(calendar.providers())):
        assert client.get(url).status_code == 200


def _ics_url(shift):
    return reverse(
        "volunteers:shift-ics", args=[shift.activity.community.slug, shift.pk]
    )


def test_a_published_shift_downloads_as_ics_for_anyone(client):
    shift = ShiftFactory()
    response = client.get(_ics_url(shift))
    assert response.status_code == 200
    assert (
        response["Content-Disposition"]
        == f'attachment; filename="shift-{shift.pk}.ics"'
    )
    lines = _lines(response)
    assert f"UID:shift-{shift.pk}@gongzhi.volunteers" in lines
    assert f"SUMMARY:{shift.activity.title}" in lines


def test_a_draft_shift_has_no_ics_for_the_public(client):
    shift = ShiftFactory(activity__status=Activity.Status.DRAFT)
    assert client.get(_ics_url(shift)).status_code == 404
