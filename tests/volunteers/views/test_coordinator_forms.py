import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from communities.models import Role
from tests.factories import CommunityFactory, RoleGrantFactory
from tests.volunteers.factories import ActivityFactory, TeamFactory, active_volunteer
from volunteers.models import Activity, Shift, Team

pytestmark = pytest.mark.django_db


@pytest.fixture
def community():
    return CommunityFactory()


@pytest.fixture
def coordinator(client, community):
    user = RoleGrantFactory(role=Role.COORDINATOR, community=community).user
    client.force_login(user)
    return user


def _activity_data(**overrides):
    data = {
        "title": "Read to children",
        "description": "Saturday story hour",
        "category": "education",
        "place": "Library",
        "minimum_age": "16",
    }
    data.update(overrides)
    return data


def test_a_coordinator_creates_a_draft_activity_and_publishes_it(
    client, community, coordinator
):
    url = reverse("volunteers:activity-create", args=[community.slug])
    assert "Title" in client.get(url).content.decode()
    response = client.post(url, _activity_data(), follow=True)
    activity = Activity.objects.get()
    assert activity.status == Activity.Status.DRAFT
    assert activity.minimum_age == 16
    assert "saved as a draft" in response.content.decode()
    publish = reverse("volunteers:activity-publish", args=[community.slug, activity.pk])
    response = client.post(publish, follow=True)
    assert "The activity is published." in response.content.decode()
    activity.refresh_from_db()
    assert activity.is_published


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"title": ""}, "This field is required."),
        ({"category": "gambling"}, "Select a valid choice."),
        ({"minimum_age": "10"}, "The minimum age cannot be below 14."),
    ],
)
def test_a_bad_activity_shows_a_clear_error_and_saves_nothing(
    client, community, coordinator, overrides, message
):
    url = reverse("volunteers:activity-create", args=[community.slug])
    response = client.post(url, _activity_data(**overrides))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Activity.objects.exists()


def test_a_team_of_another_community_cannot_be_chosen(client, community, coordinator):
    url = reverse("volunteers:activity-create", args=[community.slug])
    response = client.post(url, _activity_data(team=str(TeamFactory().pk)))
    assert response.status_code == 400
    assert "Select a valid choice." in response.content.decode()
    assert not Activity.objects.exists()


def test_a_resident_may_not_open_the_coordinators_forms(client, community):
    client.force_login(active_volunteer(community))
    activity = ActivityFactory(community=community)
    for url in (
        reverse("volunteers:activity-create", args=[community.slug]),
        reverse("volunteers:team-create", args=[community.slug]),
        reverse("volunteers:shift-create", args=[community.slug, activity.pk]),
    ):
        assert client.get(url).status_code == 403
    response = client.post(
        reverse("volunteers:activity-create", args=[community.slug]), _activity_data()
    )
    assert response.status_code == 403
    assert Activity.objects.count() == 1


def test_a_coordinator_adds_weekly_shifts(client, community, coordinator):
    activity = ActivityFactory(community=community)
    start = timezone.localtime() + datetime.timedelta(days=2)
    url = reverse("volunteers:shift-create", args=[community.slug, activity.pk])
    response = client.post(
        url,
        {
            "starts_at": start.strftime("%Y-%m-%dT09:00"),
            "ends_at": start.strftime("%Y-%m-%dT11:00"),
            "capacity": "6",
            "weeks": "3",
        },
        follow=True,
    )
    assert "3 shift(s) added." in response.content.decode()
    assert Shift.objects.filter(activity=activity, capacity=6).count() == 3


@pytest.mark.parametrize(
    ("starts", "ends", "capacity", "weeks", "message"),
    [
        ("T11:00", "T09:00", "6", "1", "A shift must end after it starts."),
        (
            "T09:00",
            "T11:00",
            "0",
            "1",
            "Ensure this value is greater than or equal to 1.",
        ),
        (
            "T09:00",
            "T11:00",
            "6",
            "60",
            "Ensure this value is less than or equal to 52.",
        ),
    ],
)
def test_bad_shift_input_shows_a_clear_error_and_saves_nothing(
    client, community, coordinator, starts, ends, capacity, weeks, message
):
    activity = ActivityFactory(community=community)
    day = (timezone.localtime() + datetime.timedelta(days=2)).strftime("%Y-%m-%d")
    url = reverse("volunteers:shift-create", args=[community.slug, activity.pk])
    response = client.post(
        url,
        {
            "starts_at": day + starts,
            "ends_at": day + ends,
            "capacity": capacity,
            "weeks": weeks,
        },
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Shift.objects.exists()


def test_a_shift_in_the_past_is_refused(client, community, coordinator):
    activity = ActivityFactory(community=community)
    url = reverse("volunteers:shift-create", args=[community.slug, activity.pk])
    response = client.post(
        url,
        {
            "starts_at": "2020-01-01T09:00",
            "ends_at": "2020-01-01T11:00",
            "capacity": "3",
            "weeks": "1",
        },
    )
    assert response.status_code == 400
    assert "A new shift must start in the future." in response.content.decode()
    assert not Shift.objects.exists()


def test_a_coordinator_adds_a_team_and_a_duplicate_name_is_refused(
    client, community, coordinator
):
    url = reverse("volunteers:team-create", args=[community.slug])
    client.post(url, {"name": "Green team"})
    response = client.post(url, {"name": "Green team"})
    assert response.status_code == 400
    assert "already has a team of that name" in response.content.decode()
    assert Team.objects.count() == 1


def test_a_team_with_no_name_is_refused(client, community, coordinator):
    response = client.post(
        reverse("volunteers:team-create", args=[community.slug]), {"name": ""}
    )
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert not Team.objects.exists()


def test_a_listed_team_coordinator_adds_shifts_to_their_teams_activity(
    client, community
):
    team = TeamFactory(community=community)
    person = active_volunteer(community)
    team.coordinators.add(person)
    activity = ActivityFactory(community=community, team=team)
    client.force_login(person)
    url = reverse("volunteers:shift-create", args=[community.slug, activity.pk])
    assert client.get(url).status_code == 200
    other = ActivityFactory(community=community)
    url = reverse("volunteers:shift-create", args=[community.slug, other.pk])
    assert client.get(url).status_code == 403


def test_a_team_lists_verified_residents_as_its_coordinators(
    client, community, coordinator
):
    resident = active_volunteer(community)
    url = reverse("volunteers:team-create", args=[community.slug])
    client.post(url, {"name": "Green team", "coordinators": resident.email.upper()})
    assert list(Team.objects.get().coordinators.all()) == [resident]


def test_a_team_coordinator_who_is_not_a_resident_is_refused(
    client, community, coordinator
):
    outsider = active_volunteer(CommunityFactory())
    url = reverse("volunteers:team-create", args=[community.slug])
    response = client.post(url, {"name": "Green team", "coordinators": outsider.email})
    assert response.status_code == 400
    assert "Not a verified resident of this community" in response.content.decode()
    assert not Team.objects.exists()
