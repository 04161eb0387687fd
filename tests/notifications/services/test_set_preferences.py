"""set_preferences: all or nothing, only registered kinds and known deliveries."""

import pytest
from django.core.exceptions import ValidationError

from notifications import selectors, services
from notifications.models import Delivery, NotificationPreference
from tests.notifications.conftest import DAILY_KIND, TEST_KIND

pytestmark = pytest.mark.django_db


def test_choices_are_saved_and_read_back(person, test_kinds):
    services.set_preferences(
        user=person, deliveries={TEST_KIND: Delivery.OFF, DAILY_KIND: Delivery.WEEKLY}
    )

    effective = selectors.effective_preferences(person)
    assert effective[TEST_KIND] == Delivery.OFF
    assert effective[DAILY_KIND] == Delivery.WEEKLY
    assert effective["system"] == Delivery.INSTANT  # the default, nothing stored


def test_an_unknown_delivery_saves_nothing(person, test_kinds):
    with pytest.raises(ValidationError) as error:
        services.set_preferences(
            user=person,
            deliveries={DAILY_KIND: Delivery.OFF, TEST_KIND: "carrier-pigeon"},
        )

    assert TEST_KIND in error.value.message_dict
    assert not NotificationPreference.objects.exists()


def test_an_unregistered_kind_saves_nothing(person, test_kinds):
    with pytest.raises(ValidationError) as error:
        services.set_preferences(
            user=person, deliveries={TEST_KIND: Delivery.OFF, "nope": Delivery.OFF}
        )

    assert "nope" in error.value.message_dict
    assert not NotificationPreference.objects.exists()
