"""Personal data: the export holds the person's notifications and preferences;
deletion removes them."""

import json

import pytest

from accounts import personal_data as registry
from notifications import personal_data
from notifications.models import Delivery, Notification, NotificationPreference
from tests.notifications.factories import (
    NotificationFactory,
    NotificationPreferenceFactory,
)

pytestmark = pytest.mark.django_db


def test_the_collector_and_anonymiser_are_registered():
    assert registry.collectors()["notifications"] is personal_data.collect
    assert personal_data.anonymise in registry.anonymisers()


def test_the_export_holds_only_the_persons_notifications_and_preferences(
    person, user_factory
):
    NotificationFactory(recipient=person, title="Mine")
    NotificationFactory(recipient=user_factory(), title="Theirs")
    NotificationPreferenceFactory(user=person, kind="system", delivery=Delivery.OFF)

    exported = personal_data.collect(person)

    json.dumps(exported)  # serialisable
    assert [n["title"] for n in exported["notifications"]] == ["Mine"]
    assert exported["preferences"] == [{"kind": "system", "delivery": "off"}]


def test_anonymising_deletes_the_persons_notifications_and_preferences(
    person, user_factory
):
    NotificationFactory.create_batch(2, recipient=person)
    NotificationPreferenceFactory(user=person)
    kept = NotificationFactory(recipient=user_factory())

    personal_data.anonymise(person)

    assert list(Notification.objects.all()) == [kept]
    assert not NotificationPreference.objects.filter(user=person).exists()
