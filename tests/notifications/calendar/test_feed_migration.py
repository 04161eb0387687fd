"""Moving CalendarFeed from volunteers to notifications keeps every token working."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.factories import UserFactory

BEFORE = [
    ("volunteers", "0003_merge_records_and_matching"),
    ("notifications", "0002_delivery_and_periodic_runs"),
]
AFTER = [
    ("volunteers", "0004_calendar_feed_moves_to_notifications"),
    ("notifications", "0003_calendar_feed"),
]


# Transactional: the flush afterwards removes what data migrations made (Wagtail's root
# page); the module fixture puts it back so tests that run later find it.
pytestmark = pytest.mark.usefixtures("restore_migrated_data")


@pytest.mark.django_db(transaction=True)
def test_the_migration_copies_feeds_with_their_tokens():
    person = UserFactory()
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    try:
        old_apps = executor.loader.project_state(BEFORE).apps
        OldFeed = old_apps.get_model("volunteers", "CalendarFeed")
        OldFeed.objects.create(user_id=person.pk, token="old-secret-token")
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(AFTER)
        new_apps = executor.loader.project_state(AFTER).apps
        NewFeed = new_apps.get_model("notifications", "CalendarFeed")
        assert NewFeed.objects.get(user_id=person.pk).token == "old-secret-token"
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
