"""Fixtures every test folder may use, loaded by the root conftest (pytest_plugins)."""

from __future__ import annotations

import pytest


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
