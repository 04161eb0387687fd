"""One personal feed for every app: shifts and consultation meetings together.

Also the moved pages: /my/calendar/ and the old volunteers addresses.
"""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from consultation.meetings import services as meeting_services
from consultation.models import Participant
from consultation.topics import services as topic_services
from notifications import calendar
from tests.volunteers.factories import ShiftFactory, VolunteerProfileFactory
from volunteers.shifts import services as volunteer_services

pytestmark = pytest.mark.django_db


def _lines(response) -> list[str]:
    return response.content.decode().replace("\r\n ", "").split("\r\n")


@pytest.fixture
def topic(committee, community):
    topic = topic_services.open_topic(
        actor=committee, community=community, title="加装电梯", description="3号楼"
    )
    topic_services.accept(actor=committee, consultation=topic, reason="值得讨论")
    return topic


@pytest.fixture
def person(community, make_resident):
    return make_resident()


@pytest.fixture
def shift(community, person):
    shift = ShiftFactory(activity__community=community)
    VolunteerProfileFactory(user=person)
    volunteer_services.sign_up(volunteer=person, shift=shift)
    return shift


def _invited_meeting(walk, committee, topic, person, **kwargs):
    meeting = walk.meeting(topic, **kwargs)
    meeting_services.invite_participant(
        actor=committee, meeting=meeting, kind=Participant.Kind.RESIDENT, user=person
    )
    return meeting


def test_the_feed_shows_shifts_and_meetings_together(
    client, walk, committee, topic, person, shift
):
    meeting = _invited_meeting(walk, committee, topic, person, title="电梯议事会")
    later = meeting.starts_at + datetime.timedelta(days=1)
    other = walk.meeting(  # the person is not invited
        topic,
        title="别人的会",
        starts_at=later,
        ends_at=later + datetime.timedelta(hours=1),
    )
    walk(topic, "notice_published")  # publishes the first meeting's notice
    meeting_services.publish_notice(actor=committee, meeting=other)
    url = reverse("calendar:feed", args=[calendar.feed_for(person).token])
    response = client.get(url)
    assert response.status_code == 200
    lines = _lines(response)
    assert f"UID:shift-{shift.pk}@gongzhi.volunteers" in lines
    assert any(line.startswith(f"UID:{meeting.uid}@") for line in lines)
    assert not any(str(other.uid) in line for line in lines)
    assert "SUMMARY:电梯议事会" in lines
    assert f"SEQUENCE:{meeting.sequence}" in lines
    meeting_link = f"URL:http://testserver/{meeting.community.slug}/consultations/"
    assert any(line.startswith(meeting_link) for line in lines)
    # Events come in time order: the shift (ShiftFactory) and the meeting.
    starts = [line for line in lines if line.startswith("DTSTART:")]
    assert starts == sorted(starts)


def test_a_meeting_without_a_published_notice_is_not_in_the_feed(
    client, walk, committee, topic, person
):
    meeting = _invited_meeting(walk, committee, topic, person)
    url = reverse("calendar:feed", args=[calendar.feed_for(person).token])
    assert str(meeting.uid) not in client.get(url).content.decode()


def test_a_registered_meeting_is_in_the_feed_and_a_cancelled_registration_not(
    client, walk, committee, topic, community, make_resident
):
    meeting = walk.meeting(topic, registration_open=True, capacity=10)
    walk(topic, "notice_published")
    person = make_resident()
    meeting_services.register(user=person, meeting=meeting)
    url = reverse("calendar:feed", args=[calendar.feed_for(person).token])
    assert str(meeting.uid) in client.get(url).content.decode()
    meeting_services.cancel_registration(user=person, meeting=meeting)
    assert str(meeting.uid) not in client.get(url).content.decode()


def test_the_feed_query_count_does_not_grow_with_meetings_and_shifts(
    client,
    walk,
    committee,
    topic,
    community,
    person,
    shift,
    django_assert_max_num_queries,
):
    for _ in range(5):
        _invited_meeting(walk, committee, topic, person)
        volunteer_services.sign_up(
            volunteer=person, shift=ShiftFactory(activity__community=community)
        )
    url = reverse("calendar:feed", args=[calendar.feed_for(person).token])
    with django_assert_max_num_queries(1 + len(calendar.providers())):
        assert client.get(url).status_code == 200


def test_both_providers_are_registered():
    assert {"volunteers.shifts", "consultation.meetings"} <= set(calendar.providers())


def test_the_calendar_page_is_at_my_calendar(client, person):
    client.force_login(person)
    response = client.get("/my/calendar/")
    assert response.status_code == 200
    token = calendar.feed_for(person).token
    assert reverse("calendar:feed", args=[token]) in response.content.decode()


def test_the_old_volunteers_page_redirects(client, person):
    client.force_login(person)
    response = client.get(reverse("volunteers:calendar"))
    assert response.status_code == 301
    assert response["Location"] == reverse("calendar:page")


def test_old_feed_addresses_keep_working(client, person, shift):
    token = calendar.feed_for(person).token
    old = client.get(reverse("volunteers:calendar-feed", args=[token]))
    assert old.status_code == 200
    assert f"UID:shift-{shift.pk}@gongzhi.volunteers" in _lines(old)
    assert (
        client.get(reverse("volunteers:calendar-feed", args=["y" * 43])).status_code
        == 404
    )
