"""Notification fixtures: test-only kinds (never left in the registry), people with a
verified address, and an empty scheduler registry."""

import pytest
from pytest_factoryboy import register

from notifications import kinds, scheduling
from notifications.models import Delivery
from tests.notifications.factories import (
    NotificationFactory,
    NotificationPreferenceFactory,
    VerifiedEmailFactory,
)

register(NotificationFactory)
register(NotificationPreferenceFactory)

TEST_KIND = "test.event"
DAILY_KIND = "test.daily"
WEEKLY_KIND = "test.weekly"


@pytest.fixture
def register_kind(monkeypatch):
    """Register a kind for this test only; monkeypatch removes it afterwards."""

    def _register(key, label=None, default_delivery=Delivery.INSTANT):
        kind = kinds.Kind(
            key=key, label=label or f"Label of {key}", default_delivery=default_delivery
        )
        monkeypatch.setitem(kinds._KINDS, key, kind)
        return kind

    return _register


@pytest.fixture
def test_kinds(register_kind):
    """An instant kind and two kinds that default to daily and weekly digests."""
    return {
        "instant": register_kind(TEST_KIND, "Test events"),
        "daily": register_kind(DAILY_KIND, "Daily things", Delivery.DAILY),
        "weekly": register_kind(WEEKLY_KIND, "Weekly things", Delivery.WEEKLY),
    }


@pytest.fixture
def person(user_factory):
    """A signed-up person whose e-mail address is verified."""
    user = user_factory(preferred_language="en")
    VerifiedEmailFactory(user=user)
    return user


@pytest.fixture
def empty_schedule(monkeypatch):
    """The scheduler registry without the app's own jobs, restored afterwards."""
    monkeypatch.setattr(scheduling, "_JOBS", {})
    return scheduling
