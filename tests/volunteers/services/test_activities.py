import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from audit.models import AuditEvent
from tests.factories import CommunityFactory, UserFactory
from tests.volunteers.factories import ActivityFactory, TeamFactory
from volunteers.models import Activity, Shift
from volunteers.shifts import services

pytestmark = pytest.mark.django_db


def test_a_new_activity_is_a_draft_until_published_and_both_are_audited():
    community = CommunityFactory()
    actor = UserFactory()
    activity = services.create_activity(
        actor=actor,
        community=community,
        title="Clean the river bank",
        category=Activity.Category.ENVIRONMENT,
        place="North gate",
    )
    assert activity.status == Activity.Status.DRAFT
    services.publish_activity(actor=actor, activity=activity)
    activity.refresh_from_db()
    assert activity.is_published and activity.published_at
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"volunteers.activity_created", "volunteers.activity_published"} <= actions


def test_publishing_twice_is_refused():
    activity = ActivityFactory()
    with pytest.raises(ValidationError, match="already published"):
        services.publish_activity(actor=UserFactory(), activity=activity)


def test_an_activity_cannot_use_another_communitys_team():
    with pytest.raises(ValidationError):
        services.create_activity(
            actor=UserFactory(),
            community=CommunityFactory(),
            title="x",
            category=Activity.Category.OTHER,
            place="y",
            team=TeamFactory(),
        )
    assert not Activity.objects.exists()


def test_a_minimum_age_below_fourteen_is_refused():
    with pytest.raises(ValidationError, match="below 14"):
        services.create_activity(
            actor=UserFactory(),
            community=CommunityFactory(),
            title="x",
            category=Activity.Category.OTHER,
            place="y",
            minimum_age=12,
        )


def test_a_team_name_is_unique_within_its_community():
    team = TeamFactory(name="Green team")
    with pytest.raises(ValidationError, match="already has a team"):
        services.create_team(
            actor=UserFactory(), community=team.community, name="Green team"
        )


def test_weekly_shifts_repeat_on_the_same_weekday_and_time():
    activity = ActivityFactory()
    start = timezone.localtime(timezone.now() + datetime.timedelta(days=2)).replace(
        hour=9, minute=0, second=0, microsecond=0
    )
    shifts = services.add_weekly_shifts(
        actor=UserFactory(),
        activity=activity,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=3),
        capacity=8,
        weeks=4,
    )
    assert len(shifts) == 4
    stored = list(Shift.objects.filter(activity=activity))
    assert [timezone.localtime(s.starts_at).weekday() for s in stored] == [
        start.weekday()
    ] * 4
    assert {timezone.localtime(s.starts_at).hour for s in stored} == {9}
    assert stored[3].starts_at - stored[0].starts_at == datetime.timedelta(weeks=3)
    assert {s.ends_at - s.starts_at for s in stored} == {datetime.timedelta(hours=3)}


@pytest.mark.parametrize(
    ("start_offset", "length", "weeks", "message"),
    [
        (datetime.timedelta(days=1), datetime.timedelta(hours=-1), 1, "end after"),
        (datetime.timedelta(days=-1), datetime.timedelta(hours=1), 1, "future"),
        (datetime.timedelta(days=1), datetime.timedelta(hours=1), 53, "between 1 and"),
    ],
)
def test_bad_shift_times_or_repeats_are_refused(start_offset, length, weeks, message):
    activity = ActivityFactory()
    start = timezone.now() + start_offset
    with pytest.raises(ValidationError, match=message):
        services.add_weekly_shifts(
            actor=UserFactory(),
            activity=activity,
            starts_at=start,
            ends_at=start + length,
            capacity=3,
            weeks=weeks,
        )
    assert not Shift.objects.exists()
