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


@pytest.fixture(scope="module")
def restore_migrated_data(django_db_setup, django_db_blocker):
    """Put back what data migrations created after a module of transactional tests.

    Transactional tests end with a flush of every table, which also removes rows made
    by data migrations (Wagtail's root page and default Site). Later tests, and later
    runs with --reuse-db, need them: snapshot before the module, restore after it.
    Module-scoped, so it wraps the function-scoped transactional_db flushes.
    """
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType
    from django.core import serializers
    from django.core.management import call_command
    from django.core.management.color import no_style
    from django.db import connection

    with django_db_blocker.unblock():
        # Content types first: saving some restored rows looks them up and would
        # otherwise create them anew under other ids.
        content_types = serializers.serialize(
            "json", ContentType.objects.order_by("pk")
        )
        snapshot = connection.creation.serialize_db_to_string()
    yield
    with django_db_blocker.unblock():
        # Flush without post_migrate, so recreated content types cannot clash
        # with the restored ones; then move sequences past the restored ids.
        call_command(
            "flush",
            verbosity=0,
            interactive=False,
            inhibit_post_migrate=True,
            reset_sequences=False,
        )
        connection.creation.deserialize_db_from_string(content_types)
        connection.creation.deserialize_db_from_string(snapshot)
        statements = connection.ops.sequence_reset_sql(no_style(), apps.get_models())
        if statements:
            with connection.cursor() as cursor:
                for statement in statements:
                    cursor.execute(statement)
