"""The "for you" list: ranking, reasons, exclusions and a fixed query count."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import CommunityFactory, MembershipFactory
from tests.volunteers.factories import (
    ActivityFactory,
    ShiftFactory,
    SkillFactory,
    VolunteerProfileFactory,
    active_volunteer,
    years_ago,
)
from tests.volunteers.matching.helpers import local
from volunteers.matching import selectors as matching
from volunteers.models import Activity
from volunteers.profiles import services as profile_services
from volunteers.shifts import services

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]


@pytest.fixture
def community():
    return CommunityFactory(name="和平社区")


@pytest.fixture
def elderly_care():
    return SkillFactory(name="助老")


@pytest.fixture
def volunteer(community, elderly_care):
    person = active_volunteer(
        community,
        availability=["sat-morning"],
        service_areas="3号楼、社区广场",
    )
    person.volunteer_profile.skills.add(elderly_care)
    return person


def _shift(
    community, start, *, hours=2, place="活动中心", skills=(), capacity=5, **kwargs
):
    activity = ActivityFactory(community=community, place=place, **kwargs)
    activity.required_skills.set(skills)
    return ShiftFactory(
        activity=activity,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=hours),
        capacity=capacity,
    )


def test_shifts_are_ranked_by_skill_availability_and_area_with_reasons(
    community, volunteer, elderly_care
):
    best = _shift(community, local(5, 9), place="3号楼活动室", skills=[elderly_care])
    free_only = _shift(community, local(5, 9, 30), hours=1)
    area_only = _shift(community, local(6, 15), place="社区广场")
    nothing = _shift(community, local(7, 15))

    result = matching.suggestions_for(volunteer)

    assert [m.shift for m in result.matches] == [best, free_only, area_only]
    assert nothing not in [m.shift for m in result.matches]
    assert result.matches[0].volunteer_reasons == [
        "matches your skill 助老",
        "you are free Saturday morning",
        "in your service area (3号楼)",
    ]
    assert result.matches[1].volunteer_reasons == ["you are free Saturday morning"]
    assert result.matches[2].volunteer_reasons == ["in your service area (社区广场)"]


def test_a_shift_running_past_the_free_part_of_the_day_is_not_called_free(
    community, volunteer
):
    _shift(community, local(5, 11), hours=3)  # into the afternoon
    assert matching.suggestions_for(volunteer).matches == []


def test_shifts_they_cannot_take_are_left_out(community, volunteer, elderly_care):
    mine = _shift(community, local(5, 8), hours=1, skills=[elderly_care])
    services.sign_up(volunteer=volunteer, shift=mine)
    overlapping = _shift(community, local(5, 8, 30), skills=[elderly_care])
    draft = _shift(
        community, local(12, 9), skills=[elderly_care], status=Activity.Status.DRAFT
    )
    past = _shift(community, local(1, 8), skills=[elderly_care])
    elsewhere = _shift(CommunityFactory(), local(12, 9), skills=[elderly_care])
    takeable = _shift(community, local(19, 9), skills=[elderly_care])

    shown = [m.shift for m in matching.suggestions_for(volunteer).matches]

    assert shown == [takeable]
    for hidden in (mine, overlapping, draft, past, elsewhere):
        assert hidden not in shown


def test_a_minor_is_not_offered_an_adults_only_shift(community, elderly_care):
    minor = MembershipFactory(community=community, household__community=community).user
    profile = VolunteerProfileFactory(
        user=minor, minor_with_consent=True, availability=["sat-morning"]
    )
    profile.skills.add(elderly_care)
    adults = _shift(community, local(5, 9), skills=[elderly_care], minimum_age=18)
    open_to_all = _shift(community, local(12, 9), skills=[elderly_care])
    assert [m.shift for m in matching.suggestions_for(minor).matches] == [open_to_all]
    assert adults.activity.minimum_age == 18


def test_a_minor_turning_18_before_the_shift_is_offered_it(community, elderly_care):
    person = MembershipFactory(community=community, household__community=community).user
    profile = VolunteerProfileFactory(
        user=person,
        minor_with_consent=True,
        date_of_birth=years_ago(18) + datetime.timedelta(days=5),
    )
    profile.skills.add(elderly_care)
    before = _shift(community, local(2, 9), skills=[elderly_care], minimum_age=18)
    after = _shift(community, local(19, 9), skills=[elderly_care], minimum_age=18)
    shown = [m.shift for m in matching.suggestions_for(person).matches]
    assert after in shown
    assert before not in shown


def test_a_full_shift_is_offered_for_its_waitlist_after_open_ones(
    community, volunteer, elderly_care
):
    full = _shift(community, local(5, 9), skills=[elderly_care], capacity=1)
    services.sign_up(volunteer=active_volunteer(community), shift=full)
    open_one = _shift(community, local(12, 9), skills=[elderly_care])
    matches = matching.suggestions_for(volunteer).matches
    assert [m.shift for m in matches] == [open_one, full]
    assert matches[1].is_full


def test_an_inactive_profile_gets_no_suggestions(community, elderly_care):
    person = MembershipFactory(community=community, household__community=community).user
    VolunteerProfileFactory(user=person, date_of_birth=years_ago(16))
    _shift(community, local(5, 9), skills=[elderly_care])
    result = matching.suggestions_for(person)
    assert not result.is_active
    assert result.matches == []


def test_the_page_shows_suggestions_with_reasons_and_places(
    client, community, volunteer, elderly_care
):
    shift = _shift(community, local(5, 9), skills=[elderly_care], capacity=4)
    client.force_login(volunteer)
    response = client.get(reverse("volunteers:for-you"))
    html = response.content.decode()
    assert response.status_code == 200
    assert shift.activity.title in html
    assert "matches your skill 助老" in html
    assert "4 places left" in html


def test_the_page_asks_for_a_profile_first(client):
    person = MembershipFactory().user
    client.force_login(person)
    html = client.get(reverse("volunteers:for-you")).content.decode()
    assert "Complete your volunteer profile" in html


def test_the_page_needs_sign_in(client):
    response = client.get(reverse("volunteers:for-you"))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def _queries_for_page(client, person) -> int:
    client.force_login(person)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("volunteers:for-you"))
    assert response.status_code == 200
    return len(captured)


def test_the_query_count_does_not_grow_with_shifts(
    client, community, volunteer, elderly_care
):
    _shift(community, local(5, 9), skills=[elderly_care])
    few = _queries_for_page(client, volunteer)
    other = SkillFactory(name="急救")
    for day in range(6, 28):
        shift = _shift(community, local(day, 9), skills=[elderly_care, other])
        services.sign_up(volunteer=active_volunteer(community), shift=shift)
    many = _queries_for_page(client, volunteer)
    assert many == few
    assert few <= 12


def test_python_scores_a_bounded_candidate_set(
    community, volunteer, elderly_care, monkeypatch
):
    monkeypatch.setattr(matching, "CANDIDATES", 3)
    plain = [_shift(community, local(day, 15)) for day in range(2, 8)]
    skilled = _shift(community, local(28, 15), skills=[elderly_care])
    shown = [m.shift for m in matching.suggestions_for(volunteer).matches]
    # The database ranks the far-off skilled shift first: the bound keeps the best.
    assert shown == [skilled]
    assert plain


def test_the_cached_list_follows_profile_changes_and_sign_ups(
    client, community, volunteer, elderly_care
):
    client.force_login(volunteer)
    url = reverse("volunteers:for-you")
    sunday = _shift(community, local(6, 15), capacity=3)
    assert sunday.activity.title not in client.get(url).content.decode()
    profile = volunteer.volunteer_profile
    profile_services.save_profile(
        user=volunteer,
        date_of_birth=profile.date_of_birth,
        emergency_contact_name="李四",
        emergency_contact_phone="13800000000",
        skills=[elderly_care],
        availability=["sat-morning", "sun-afternoon"],
    )
    html = client.get(url).content.decode()
    assert sunday.activity.title in html
    assert "3 places left" in html
    services.sign_up(volunteer=active_volunteer(community), shift=sunday)
    assert "2 places left" in client.get(url).content.decode()
