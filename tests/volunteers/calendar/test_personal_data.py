"""Matching and calendars in "download my data" and "delete my account"."""

import pytest
from django.urls import reverse

from accounts import services as accounts_services
from notifications import calendar
from notifications.models import CalendarFeed
from tests.factories import UserFactory
from tests.volunteers.factories import ShiftFactory
from volunteers.models import Invitation

pytestmark = pytest.mark.django_db


def test_the_export_lists_invitations_and_the_feed():
    person = UserFactory()
    shift = ShiftFactory()
    Invitation.objects.create(
        shift=shift, volunteer=person, reasons=[["skill", "助老"]]
    )
    calendar.feed_for(person)
    data = accounts_services.export_personal_data(user=person)
    section = data["data"]["volunteer_invitations"]
    assert data["data"]["notifications"]["calendar_feed"] is True
    assert section["invitations"][0]["activity"] == shift.activity.title
    assert section["invitations"][0]["reasons"] == [["skill", "助老"]]


def test_deleting_the_account_kills_the_feed_address(client):
    person = UserFactory()
    url = reverse("calendar:feed", args=[calendar.feed_for(person).token])
    Invitation.objects.create(
        shift=ShiftFactory(), volunteer=person, reasons=[["area", "3号楼"]]
    )
    assert client.get(url).status_code == 200
    accounts_services.delete_account(user=person)
    assert client.get(url).status_code == 404
    assert not CalendarFeed.objects.filter(user=person).exists()
    assert Invitation.objects.get(volunteer=person).reasons == []
