import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from communities.models import Membership
from notifications.models import Notification
from tests.factories import MembershipFactory, UserFactory
from tests.volunteers.factories import (
    ShiftFactory,
    VolunteerProfileFactory,
    active_volunteer,
    years_ago,
)
from volunteers.models import Activity, SignUp
from volunteers.shifts import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def shift():
    return ShiftFactory(capacity=2)


def _volunteer(shift, **kwargs):
    return active_volunteer(shift.activity.community, **kwargs)


def test_sign_ups_beyond_capacity_wait_in_order(shift):
    people = [_volunteer(shift) for _ in range(4)]
    statuses = [services.sign_up(volunteer=p, shift=shift).status for p in people]
    assert statuses == ["confirmed", "confirmed", "waiting", "waiting"]
    assert SignUp.objects.filter(shift=shift, status="confirmed").count() == 2


def test_a_freed_place_goes_to_the_first_waiting_person_who_is_notified(shift):
    first, second, third, fourth = (_volunteer(shift) for _ in range(4))
    signups = [
        services.sign_up(volunteer=p, shift=shift)
        for p in (first, second, third, fourth)
    ]
    services.cancel_sign_up(volunteer=first, signup=signups[0])
    statuses = dict(SignUp.objects.values_list("volunteer_id", "status"))
    assert statuses[third.pk] == "confirmed"
    assert statuses[fourth.pk] == "waiting"
    assert Notification.objects.filter(
        recipient=third, kind="volunteers.moved_up"
    ).exists()
    assert not Notification.objects.filter(recipient=fourth).exists()


def test_leaving_the_waitlist_moves_nobody_up(shift):
    people = [_volunteer(shift) for _ in range(4)]
    signups = [services.sign_up(volunteer=p, shift=shift) for p in people]
    services.cancel_sign_up(volunteer=people[2], signup=signups[2])
    assert SignUp.objects.get(pk=signups[3].pk).status == "waiting"
    assert not Notification.objects.exists()


def test_cancelling_a_place_after_the_communitys_cut_off_is_refused():
    shift = ShiftFactory(starts_at=timezone.now() + datetime.timedelta(hours=30))
    shift.activity.community.policy.shift_cancellation_cutoff_hours = 48
    shift.activity.community.policy.save()
    person = _volunteer(shift)
    signup = services.sign_up(volunteer=person, shift=shift)
    with pytest.raises(ValidationError, match="Cancellation closed 48 hours"):
        services.cancel_sign_up(volunteer=person, signup=signup)
    assert SignUp.objects.get(pk=signup.pk).status == "confirmed"


def test_cancelling_before_the_default_cut_off_is_allowed_and_after_it_refused():
    shift = ShiftFactory(starts_at=timezone.now() + datetime.timedelta(hours=30))
    person = _volunteer(shift)
    signup = services.sign_up(volunteer=person, shift=shift)
    later = timezone.now() + datetime.timedelta(hours=7)
    with (
        time_machine.travel(later),
        pytest.raises(ValidationError, match="24 hours"),
    ):
        services.cancel_sign_up(volunteer=person, signup=signup)
    services.cancel_sign_up(volunteer=person, signup=signup)
    assert SignUp.objects.get(pk=signup.pk).status == "cancelled"


def test_nobody_cancels_another_persons_sign_up(shift):
    owner, other = _volunteer(shift), _volunteer(shift)
    signup = services.sign_up(volunteer=owner, shift=shift)
    with pytest.raises(ValidationError, match="not your sign-up"):
        services.cancel_sign_up(volunteer=other, signup=signup)


def test_an_overlapping_shift_is_refused():
    first = ShiftFactory()
    overlapping = ShiftFactory(
        activity__community=first.activity.community,
        starts_at=first.starts_at + datetime.timedelta(hours=1),
    )
    after = ShiftFactory(
        activity__community=first.activity.community, starts_at=first.ends_at
    )
    person = _volunteer(first)
    services.sign_up(volunteer=person, shift=first)
    with pytest.raises(ValidationError, match="another shift at that time"):
        services.sign_up(volunteer=person, shift=overlapping)
    assert services.sign_up(volunteer=person, shift=after).status == "confirmed"


def test_signing_up_twice_for_the_same_shift_is_refused(shift):
    person = _volunteer(shift)
    services.sign_up(volunteer=person, shift=shift)
    with pytest.raises(ValidationError, match="already signed up for this shift"):
        services.sign_up(volunteer=person, shift=shift)


def test_a_cancelled_sign_up_may_sign_up_again(shift):
    person = _volunteer(shift)
    signup = services.sign_up(volunteer=person, shift=shift)
    services.cancel_sign_up(volunteer=person, signup=signup)
    assert services.sign_up(volunteer=person, shift=shift).status == "confirmed"


def test_the_minimum_age_is_enforced_on_the_day_of_the_shift():
    shift = ShiftFactory(activity__minimum_age=18)
    minor = _volunteer(shift, minor_with_consent=True)
    with pytest.raises(ValidationError, match="aged 18 or older"):
        services.sign_up(volunteer=minor, shift=shift)
    adult = _volunteer(shift)
    assert services.sign_up(volunteer=adult, shift=shift).status == "confirmed"


def test_a_minor_with_consent_may_join_an_activity_open_from_fourteen(shift):
    minor = _volunteer(shift, minor_with_consent=True)
    assert services.sign_up(volunteer=minor, shift=shift).status == "confirmed"


def test_a_person_without_a_profile_is_told_to_complete_it(shift):
    person = MembershipFactory(
        community=shift.activity.community,
        household__community=shift.activity.community,
    ).user
    with pytest.raises(ValidationError, match="Complete your volunteer profile"):
        services.sign_up(volunteer=person, shift=shift)


def test_a_minor_without_guardian_consent_is_refused(shift):
    minor = _volunteer(shift, date_of_birth=years_ago(16))
    with pytest.raises(ValidationError, match="guardian consent"):
        services.sign_up(volunteer=minor, shift=shift)
    assert not SignUp.objects.exists()


@pytest.mark.parametrize(
    "status", [Membership.Status.PENDING, Membership.Status.REJECTED, None]
)
def test_only_verified_residents_of_the_community_can_sign_up(shift, status):
    person = UserFactory()
    if status is not None:
        MembershipFactory(
            user=person,
            community=shift.activity.community,
            household__community=shift.activity.community,
            status=status,
        )
    VolunteerProfileFactory(user=person)
    with pytest.raises(ValidationError, match="Only verified residents"):
        services.sign_up(volunteer=person, shift=shift)


def test_a_draft_activity_takes_no_sign_ups():
    shift = ShiftFactory(activity__status=Activity.Status.DRAFT)
    with pytest.raises(ValidationError, match="not open for sign-up"):
        services.sign_up(volunteer=_volunteer(shift), shift=shift)


def test_a_started_shift_takes_no_sign_ups(shift):
    person = _volunteer(shift)
    with (
        time_machine.travel(shift.starts_at + datetime.timedelta(minutes=1)),
        pytest.raises(ValidationError, match="already started"),
    ):
        services.sign_up(volunteer=person, shift=shift)
