"""Public volunteering pages show no volunteer's identity; staff pages show public names.

Audit of the public pages (issue 5, §7): the community's activity list, an activity
page with its shifts, a shift's .ics and the live places socket carry counts only,
never who signed up. Where people are listed (a coordinator's suggestions and
invitations), they appear by display name or masked real name only.
"""

import pytest
from django.urls import reverse

from accounts.masking import mask_name
from communities.models import Role
from tests.factories import MembershipFactory, RoleGrantFactory, UserFactory
from tests.volunteers.factories import (
    ShiftFactory,
    SkillFactory,
    VolunteerProfileFactory,
)
from volunteers.shifts import services
from volunteers.shifts.consumers import _places

pytestmark = pytest.mark.django_db

REAL_NAME = "欧阳秀兰"
DISPLAY_NAME = "热心的兰姐"


@pytest.fixture
def signed_up():
    shift = ShiftFactory(capacity=1)
    community = shift.activity.community
    people = []
    for display in (DISPLAY_NAME, ""):
        person = UserFactory(
            display_name=display, real_name=REAL_NAME, phone=f"1390000000{len(people)}"
        )
        MembershipFactory(
            user=person, community=community, household__community=community
        )
        VolunteerProfileFactory(user=person, emergency_contact_phone="13712345678")
        services.sign_up(volunteer=person, shift=shift)  # one place, one waiting
        people.append(person)
    return shift, people


def _identity_bits(people) -> list[str]:
    bits = [REAL_NAME, "13712345678", "李四"]
    for person in people:
        bits += [person.email, person.phone]
        if person.display_name:
            bits.append(person.display_name)
    return bits


@pytest.mark.parametrize("viewer", ["anonymous", "another resident"])
def test_public_pages_name_no_volunteer(client, signed_up, viewer):
    shift, people = signed_up
    activity = shift.activity
    community = activity.community
    if viewer == "another resident":
        other = MembershipFactory(community=community, household__community=community)
        client.force_login(other.user)
    pages = [
        reverse("volunteers:activity-list", args=[community.slug]),
        reverse("volunteers:activity", args=[community.slug, activity.pk]),
        reverse("volunteers:shift-ics", args=[community.slug, shift.pk]),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200
        text = response.content.decode()
        for bit in _identity_bits(people):
            assert bit not in text, (url, bit)


def test_the_live_places_message_carries_counts_only(signed_up):
    shift, _people = signed_up
    assert set(_places(shift.pk)) == {"type", "shift", "places_left", "waiting"}


def test_staff_lists_show_display_names_or_masked_real_names(client, signed_up):
    shift, _people = signed_up
    community = shift.activity.community
    skill = SkillFactory(name="助老")
    shift.activity.required_skills.add(skill)
    later = ShiftFactory(activity=shift.activity)
    candidates = []
    for display in (DISPLAY_NAME + "2", ""):
        person = UserFactory(display_name=display, real_name=REAL_NAME)
        MembershipFactory(
            user=person, community=community, household__community=community
        )
        VolunteerProfileFactory(user=person).skills.add(skill)
        candidates.append(person)
    coordinator = RoleGrantFactory(role=Role.COORDINATOR, community=community).user
    client.force_login(coordinator)
    html = client.get(
        reverse("volunteers:shift-suggestions", args=[community.slug, later.pk])
    ).content.decode()
    assert DISPLAY_NAME + "2" in html
    assert mask_name(REAL_NAME) in html  # masked: no display name
    assert REAL_NAME not in html
    for person in candidates:
        assert person.email not in html
