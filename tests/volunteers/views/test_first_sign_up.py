"""A first-time volunteer signs up with the short form (date of birth and an
emergency contact) and lands back on the shift; a signed-in non-member is shown
how to join; bad input saves nothing."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import MembershipFactory, UserFactory
from tests.volunteers.factories import ShiftFactory, active_volunteer, years_ago
from volunteers.models import SignUp, VolunteerProfile

pytestmark = pytest.mark.django_db


def resident_of(community):
    return MembershipFactory(community=community, household__community=community).user


def signed_in(user):
    user.preferred_language = "zh-hans"
    user.save(update_fields=["preferred_language"])
    client = Client()
    client.force_login(user)
    return client


def urls(shift):
    slug = shift.activity.community.slug
    return (
        reverse("volunteers:activity", args=[slug, shift.activity_id]),
        reverse("volunteers:shift-first-sign-up", args=[slug, shift.pk]),
    )


GOOD = {
    "date_of_birth": years_ago(30).isoformat(),
    "emergency_contact_name": "李四",
    "emergency_contact_phone": "13800000000",
}


def test_a_resident_without_a_profile_signs_up_with_the_short_form(client):
    shift = ShiftFactory(capacity=2)
    person = resident_of(shift.activity.community)
    activity_url, first_url = urls(shift)
    browser = signed_in(person)
    assert f'href="{first_url}"' in browser.get(activity_url).content.decode()
    form = browser.get(first_url).content.decode()
    for field in ("date_of_birth", "emergency_contact_name", "emergency_contact_phone"):
        assert f'for="id_{field}"' in form
    assert 'name="skills"' not in form and 'name="id_number"' not in form

    response = browser.post(first_url, GOOD)
    assert response.status_code == 302
    assert response["Location"] == f"{activity_url}#shift-{shift.pk}"
    assert SignUp.objects.get(volunteer=person, shift=shift).status == "confirmed"
    assert VolunteerProfile.objects.get(user=person).is_active


def test_bad_input_is_refused_in_chinese_and_saves_nothing():
    shift = ShiftFactory()
    person = resident_of(shift.activity.community)
    _activity, first_url = urls(shift)
    response = signed_in(person).post(
        first_url, {**GOOD, "emergency_contact_phone": "not a phone"}
    )
    assert response.status_code == 400
    assert "请输入电话号码" in response.content.decode()
    assert not VolunteerProfile.objects.filter(user=person).exists()
    assert not SignUp.objects.exists()


def test_a_refused_sign_up_keeps_no_profile_either():
    shift = ShiftFactory(activity__minimum_age=18)
    person = resident_of(shift.activity.community)
    _activity, first_url = urls(shift)
    response = signed_in(person).post(
        first_url, {**GOOD, "date_of_birth": years_ago(16).isoformat()}
    )
    assert response.status_code == 400
    assert not VolunteerProfile.objects.filter(user=person).exists()
    assert not SignUp.objects.exists()


def test_someone_with_a_profile_is_sent_back_to_sign_up_directly():
    shift = ShiftFactory()
    person = active_volunteer(shift.activity.community)
    activity_url, first_url = urls(shift)
    response = signed_in(person).get(first_url)
    assert response.status_code == 302
    assert response["Location"] == f"{activity_url}#shift-{shift.pk}"


def test_a_signed_in_non_member_is_shown_how_to_join():
    shift = ShiftFactory()
    community = shift.activity.community
    activity_url, first_url = urls(shift)
    browser = signed_in(UserFactory())
    html = browser.get(activity_url).content.decode()
    assert reverse("communities:join", args=[community.slug]) in html
    assert f'href="{first_url}"' not in html
    assert browser.get(first_url).status_code == 403
