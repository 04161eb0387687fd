"""Cancelling a shift sign-up asks first (issue 15 §3): the activity page links to
a confirmation page; only its POST form cancels."""

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from tests.volunteers.factories import ShiftFactory, active_volunteer
from volunteers.models import SignUp
from volunteers.shifts import services

pytestmark = pytest.mark.django_db


def _cancel_url(shift):
    return reverse(
        "volunteers:shift-cancel", args=[shift.activity.community.slug, shift.pk]
    )


@pytest.fixture
def signed_up():
    shift = ShiftFactory(capacity=2)
    person = active_volunteer(shift.activity.community)
    signup = services.sign_up(volunteer=person, shift=shift)
    return shift, person, signup


def test_the_activity_page_links_to_the_confirmation_instead_of_cancelling(
    client, signed_up
):
    shift, person, _ = signed_up
    client.force_login(person)
    page = client.get(
        reverse(
            "volunteers:activity",
            args=[shift.activity.community.slug, shift.activity.pk],
        )
    ).content.decode()
    assert f'href="{_cancel_url(shift)}"' in page
    assert f'action="{_cancel_url(shift)}"' not in page


def test_opening_the_confirmation_cancels_nothing_and_the_form_then_cancels(
    client, signed_up
):
    shift, person, signup = signed_up
    client.force_login(person)
    response = client.get(_cancel_url(shift))
    body = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Cancel your sign-up?</h1>" in body
    assert f'method="post" action="{_cancel_url(shift)}"' in body
    assert "No, keep my sign-up" in body
    signup.refresh_from_db()
    assert signup.status == SignUp.Status.CONFIRMED

    response = client.post(_cancel_url(shift), follow=True)
    assert "Your sign-up is cancelled." in response.content.decode()
    signup.refresh_from_db()
    assert signup.status == SignUp.Status.CANCELLED


def test_the_confirmation_is_in_chinese(zh_client, signed_up):
    shift, person, _ = signed_up
    person.preferred_language = "zh-hans"
    person.save()
    zh_client.force_login(person)
    body = zh_client.get(_cancel_url(shift)).content.decode()
    assert "确定取消报名吗？" in body
    assert "是的，取消报名" in body


def test_someone_not_signed_up_is_told_so_in_chinese_and_nothing_changes(
    zh_client, signed_up
):
    shift, _, signup = signed_up
    other = active_volunteer(shift.activity.community)
    other.preferred_language = "zh-hans"
    other.save()
    zh_client.force_login(other)
    before = AuditEvent.objects.count()
    for response in (
        zh_client.get(_cancel_url(shift), follow=True),
        zh_client.post(_cancel_url(shift), follow=True),
    ):
        assert "您未报名该班次。" in response.content.decode()
    signup.refresh_from_db()
    assert signup.status == SignUp.Status.CONFIRMED
    assert AuditEvent.objects.count() == before


def test_anonymous_and_unknown_shifts_get_sign_in_and_404(client, signed_up):
    shift, _, _ = signed_up
    assert client.get(_cancel_url(shift)).status_code == 302
    url = reverse(
        "volunteers:shift-cancel", args=[shift.activity.community.slug, 99999999]
    )
    client.force_login(active_volunteer(shift.activity.community))
    assert client.get(url).status_code == 404
