"""A coordinator's suggested volunteers, invitations and the one-click sign-up link."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from communities.models import Role
from notifications.models import Notification
from tests.factories import CommunityFactory, MembershipFactory, RoleGrantFactory
from tests.support.actors import give_totp
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
from volunteers.matching import services as invitations
from volunteers.models import Invitation, SignUp
from volunteers.shifts import services

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]


@pytest.fixture
def community():
    return CommunityFactory(name="和平社区")


@pytest.fixture
def skill():
    return SkillFactory(name="助老")


@pytest.fixture
def shift(community, skill):
    activity = ActivityFactory(community=community, place="3号楼活动室")
    activity.required_skills.set([skill])
    start = local(5, 9)
    return ShiftFactory(
        activity=activity,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        capacity=2,
    )


@pytest.fixture
def coordinator(community):
    grant = RoleGrantFactory(role=Role.COORDINATOR, community=community)
    return grant.user


def _volunteer(community, *, skills=(), **kwargs):
    person = active_volunteer(community, **kwargs)
    person.volunteer_profile.skills.set(skills)
    return person


def test_volunteers_are_ranked_the_same_way_with_reasons(community, shift, skill):
    best = _volunteer(
        community, skills=[skill], availability=["sat-morning"], service_areas="3号楼"
    )
    skilled = _volunteer(community, skills=[skill])
    free = _volunteer(community, availability=["sat-morning", "sun-evening"])
    _volunteer(community, availability=["sun-morning"])  # nothing in common

    matches = matching.suggested_volunteers(shift)

    assert [m.profile.user for m in matches] == [best, skilled, free]
    assert matches[0].coordinator_reasons == [
        "has the skill 助老",
        "is free Saturday morning",
        "serves the area 3号楼",
    ]


def test_people_who_cannot_take_the_shift_are_not_suggested(community, shift, skill):
    signed_up = _volunteer(community, skills=[skill])
    services.sign_up(volunteer=signed_up, shift=shift)
    busy = _volunteer(community, skills=[skill])
    other = ShiftFactory(
        activity__community=community,
        starts_at=shift.starts_at + datetime.timedelta(hours=1),
        ends_at=shift.ends_at + datetime.timedelta(hours=1),
    )
    services.sign_up(volunteer=busy, shift=other)
    minor = MembershipFactory(community=community, household__community=community).user
    VolunteerProfileFactory(user=minor, date_of_birth=years_ago(16)).skills.add(skill)
    outsider = VolunteerProfileFactory(user=MembershipFactory().user)
    outsider.skills.add(skill)
    invited = _volunteer(community, skills=[skill])
    Invitation.objects.create(shift=shift, volunteer=invited)
    fine = _volunteer(community, skills=[skill])

    assert [m.profile.user for m in matching.suggested_volunteers(shift)] == [fine]


def test_a_minor_with_consent_is_suggested_unless_the_activity_is_for_adults(
    community, shift, skill
):
    minor = MembershipFactory(community=community, household__community=community).user
    VolunteerProfileFactory(user=minor, minor_with_consent=True).skills.add(skill)
    assert [m.profile.user for m in matching.suggested_volunteers(shift)] == [minor]
    shift.activity.minimum_age = 18
    shift.activity.save()
    assert matching.suggested_volunteers(shift) == []


def test_inviting_notifies_once_with_a_link_and_is_audited(
    community, shift, skill, coordinator
):
    person = _volunteer(community, skills=[skill])
    invitation = invitations.invite(actor=coordinator, shift=shift, volunteer=person)

    note = Notification.objects.get(recipient=person, kind="volunteers.invited")
    assert note.url == reverse(
        "volunteers:invitation", args=[invitations.invitation_token(invitation)]
    )
    assert "has the skill" not in note.body and "matches your skill 助老" in note.body
    event = AuditEvent.objects.get(action="volunteers.volunteer_invited")
    assert event.actor == coordinator
    with pytest.raises(Exception, match="already been invited"):
        invitations.invite(actor=coordinator, shift=shift, volunteer=person)
    assert Invitation.objects.count() == 1
    assert Notification.objects.filter(kind="volunteers.invited").count() == 1


def test_only_a_suggested_volunteer_can_be_invited(community, shift, coordinator):
    nobody_matching = _volunteer(community, availability=["mon-evening"])
    with pytest.raises(Exception, match="not a suggested volunteer"):
        invitations.invite(actor=coordinator, shift=shift, volunteer=nobody_matching)
    assert not Invitation.objects.exists()
    assert not Notification.objects.exists()


# ---------------------------------------------------------------------------
# The link
# ---------------------------------------------------------------------------
@pytest.fixture
def invited(community, shift, skill, coordinator):
    person = _volunteer(community, skills=[skill])
    invitation = invitations.invite(actor=coordinator, shift=shift, volunteer=person)
    url = reverse(
        "volunteers:invitation", args=[invitations.invitation_token(invitation)]
    )
    return person, invitation, url


def test_the_link_signs_up_in_one_click_and_is_idempotent(client, invited, shift):
    person, invitation, url = invited
    client.force_login(person)
    page = client.get(url)
    assert page.status_code == 200
    assert "Take a place on this shift" in page.content.decode()
    first = client.post(url)
    second = client.post(url)
    assert first.status_code == second.status_code == 302
    signups = SignUp.objects.filter(shift=shift, volunteer=person)
    assert [s.status for s in signups] == ["confirmed"]
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None
    assert invitation.signup == signups[0]
    assert (
        AuditEvent.objects.filter(action="volunteers.invitation_accepted").count() == 1
    )
    assert "You are signed up for this shift" in client.get(url).content.decode()


def test_a_full_shift_puts_the_invited_person_on_the_waitlist(
    client, invited, shift, community
):
    person, _invitation, url = invited
    for _ in range(2):
        services.sign_up(volunteer=active_volunteer(community), shift=shift)
    client.force_login(person)
    client.post(url)
    assert SignUp.objects.get(shift=shift, volunteer=person).status == "waiting"


def test_the_sign_up_rules_still_apply_through_the_link(client, invited, shift):
    person, _invitation, url = invited
    shift.activity.minimum_age = 60
    shift.activity.save()
    client.force_login(person)
    response = client.post(url, follow=True)
    assert "aged 60 or older" in response.content.decode()
    assert not SignUp.objects.filter(volunteer=person).exists()


@pytest.mark.parametrize("who", ["someone else", "anonymous"])
def test_the_link_is_only_for_the_invited_person(client, invited, community, who):
    _person, _invitation, url = invited
    if who == "someone else":
        client.force_login(active_volunteer(community))
        assert client.get(url).status_code == 404
        assert client.post(url).status_code == 404
    else:
        assert client.post(url).status_code == 302  # to sign-in
    assert not SignUp.objects.exists()


def test_an_altered_link_finds_nothing(client, invited):
    person, _invitation, url = invited
    client.force_login(person)
    assert client.get(url[:-3] + "xyz/").status_code == 404
    assert client.post(url[:-3] + "xyz/").status_code == 404
    assert not SignUp.objects.exists()


# ---------------------------------------------------------------------------
# The coordinator's page
# ---------------------------------------------------------------------------
def _suggestions_url(shift):
    return reverse(
        "volunteers:shift-suggestions", args=[shift.activity.community.slug, shift.pk]
    )


def _invite_url(shift):
    return reverse(
        "volunteers:shift-invite", args=[shift.activity.community.slug, shift.pk]
    )


def test_the_coordinator_sees_suggestions_by_public_name_and_invites(
    client, community, shift, skill, coordinator
):
    person = _volunteer(community, skills=[skill])
    client.force_login(coordinator)
    html = client.get(_suggestions_url(shift)).content.decode()
    assert person.public_name in html
    assert person.email not in html
    assert person.real_name not in html
    assert "has the skill 助老" in html
    response = client.post(_invite_url(shift), {"volunteer": person.pk}, follow=True)
    assert "has been invited" in response.content.decode()
    assert Invitation.objects.filter(shift=shift, volunteer=person).exists()


def test_a_bad_invite_shows_an_error_and_saves_nothing(
    client, community, shift, coordinator
):
    client.force_login(coordinator)
    response = client.post(_invite_url(shift), {"volunteer": "nope"}, follow=True)
    assert "Choose a volunteer to invite." in response.content.decode()
    assert not Invitation.objects.exists()


def test_a_resident_cannot_see_suggestions_or_invite(client, community, shift, skill):
    resident = _volunteer(community, skills=[skill])
    other = _volunteer(community, skills=[skill])
    client.force_login(resident)
    assert client.get(_suggestions_url(shift)).status_code == 403
    assert client.post(_invite_url(shift), {"volunteer": other.pk}).status_code == 403
    assert not Invitation.objects.exists()


def test_the_suggestions_page_query_count_does_not_grow(
    client, community, shift, skill, coordinator, django_assert_max_num_queries
):
    give_totp(coordinator)
    for _ in range(15):
        _volunteer(community, skills=[skill], availability=["sat-morning"])
    client.force_login(coordinator)
    with django_assert_max_num_queries(20):
        response = client.get(_suggestions_url(shift))
    assert response.content.decode().count("Invite ") == 15


@pytest.mark.parametrize("state", ["draft", "full", "started"])
def test_no_invitations_to_a_draft_full_or_started_shift(
    community, shift, skill, coordinator, state
):
    person = _volunteer(community, skills=[skill])
    if state == "draft":
        shift.activity.status = "draft"
        shift.activity.save()
    elif state == "full":
        for _ in range(shift.capacity):
            services.sign_up(volunteer=active_volunteer(community), shift=shift)
    else:
        shift.starts_at = timezone.now() - datetime.timedelta(minutes=5)
        shift.save()
    with pytest.raises(ValidationError):
        invitations.invite(actor=coordinator, shift=shift, volunteer=person)
    assert not Invitation.objects.exists()
    assert not Notification.objects.filter(kind="volunteers.invited").exists()
