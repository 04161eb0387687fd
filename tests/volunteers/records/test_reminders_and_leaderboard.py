"""The 24-hour shift reminder (a periodic job, sent once) and the opt-in leaderboard."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from notifications import scheduling
from notifications.models import Notification
from tests.volunteers.records.helpers import place, served, team_shift
from volunteers.models import SignUp, VolunteerProfile
from volunteers.records import services as record_services
from volunteers.shifts import services
from volunteers.shifts.tasks import send_shift_reminders

pytestmark = pytest.mark.django_db


def test_the_reminder_job_is_registered_every_15_minutes():
    job = {j.name: j for j in scheduling.registered_jobs()}[
        "volunteers.shift_reminders"
    ]
    assert job.every == datetime.timedelta(minutes=15)


def test_a_place_is_reminded_once_within_24_hours_of_the_shift():
    now = timezone.now()
    soon = team_shift(starts_at=now + datetime.timedelta(hours=23))
    later = team_shift(starts_at=now + datetime.timedelta(hours=25))
    reminded = place(soon)
    waiting = place(soon)
    SignUp.objects.filter(pk=waiting.pk).update(status="waiting")
    not_yet = place(later)
    assert services.send_shift_reminders(now) == 1
    assert services.send_shift_reminders(now + datetime.timedelta(minutes=15)) == 0
    notes = Notification.objects.filter(kind="volunteers.shift_reminder")
    assert [n.recipient_id for n in notes] == [reminded.volunteer_id]
    assert soon.activity.title in notes.get().title
    # Two hours later the other shift is within 24 hours too.
    assert services.send_shift_reminders(now + datetime.timedelta(hours=2)) == 1
    assert notes.filter(recipient=not_yet.volunteer).count() == 1


def test_the_job_task_sends_reminders():
    shift = team_shift(starts_at=timezone.now() + datetime.timedelta(hours=3))
    place(shift)
    send_shift_reminders.call()
    assert Notification.objects.filter(kind="volunteers.shift_reminder").count() == 1


def test_a_started_shift_gets_no_reminder():
    shift = team_shift(starts_at=timezone.now() - datetime.timedelta(minutes=5))
    place(shift)
    assert services.send_shift_reminders() == 0


@pytest.fixture
def board():
    shift = team_shift(
        starts_at=timezone.now() - datetime.timedelta(days=1), capacity=10
    )
    listed = served(shift, hours="5.00")
    VolunteerProfile.objects.filter(user=listed.volunteer).update(
        show_on_leaderboard=True
    )
    masked = served(shift, hours="3.00")
    masked.volunteer.display_name = ""
    masked.volunteer.real_name = "李大海"
    masked.volunteer.save()
    VolunteerProfile.objects.filter(user=masked.volunteer).update(
        show_on_leaderboard=True
    )
    hidden = served(shift, hours="9.00")
    return (
        shift.activity.community,
        listed.volunteer,
        masked.volunteer,
        hidden.volunteer,
    )


def test_the_leaderboard_shows_only_opted_in_volunteers_by_public_name(client, board):
    community, listed, masked, hidden = board
    page = client.get(reverse("volunteers:leaderboard", args=[community.slug]))
    assert page.status_code == 200
    text = page.text
    assert listed.display_name in text and "5.00" in text
    assert "李*海" in text and "李大海" not in text
    assert hidden.display_name not in text and "9.00" not in text
    assert text.index(listed.display_name) < text.index("李*海")
    assert "csrfmiddlewaretoken" not in text


def test_opting_in_and_out_from_my_hours(client, board):
    community, _listed, _masked, hidden = board
    client.force_login(hidden)
    client.post(reverse("volunteers:leaderboard-opt-in"))
    assert VolunteerProfile.objects.get(user=hidden).show_on_leaderboard
    client.logout()
    assert (
        hidden.display_name
        in client.get(reverse("volunteers:leaderboard", args=[community.slug])).text
    )
    client.force_login(hidden)
    client.post(reverse("volunteers:leaderboard-opt-out"))
    assert not VolunteerProfile.objects.get(user=hidden).show_on_leaderboard


def test_the_leaderboard_query_count_does_not_grow(
    client, board, django_assert_max_num_queries
):
    community, *_ = board
    with django_assert_max_num_queries(8):
        client.get(reverse("volunteers:leaderboard", args=[community.slug]))


def test_my_hours_shows_totals_and_records(client, board):
    _community, listed, *_ = board
    client.force_login(listed)
    page = client.get(reverse("volunteers:my-hours"))
    assert "all time: 5.00 hours" in page.text


def test_my_hours_needs_sign_in(client):
    assert client.get(reverse("volunteers:my-hours")).status_code == 302


def test_the_reminder_is_stamped(client):
    shift = team_shift(starts_at=timezone.now() + datetime.timedelta(hours=1))
    signup = place(shift)
    with time_machine.travel(timezone.now(), tick=False):
        services.send_shift_reminders()
    signup.refresh_from_db()
    assert signup.reminded_at is not None


def test_my_hours_query_count_does_not_grow(client, django_assert_max_num_queries):
    shift = team_shift(starts_at=timezone.now() - datetime.timedelta(days=2))
    person = served(shift, hours="1.00").volunteer
    community = shift.activity.community
    community.policy.time_bank_enabled = True
    community.policy.save()
    for days in range(3, 10):
        other = team_shift(
            team=shift.activity.team,
            starts_at=timezone.now() - datetime.timedelta(days=days),
        )
        served(other, person, hours="1.00")
    record_services.issue_certificates(
        volunteer=person,
        period_start=timezone.localdate() - datetime.timedelta(days=30),
        period_end=timezone.localdate(),
    )
    client.force_login(person)
    with django_assert_max_num_queries(16):
        page = client.get(reverse("volunteers:my-hours"))
    assert "all time: 8.00 hours" in page.text
