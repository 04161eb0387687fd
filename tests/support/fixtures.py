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


@pytest.fixture(scope="session")
def django_db_setup(
    request,
    django_test_environment,
    django_db_blocker,
    django_db_use_migrations,
    django_db_keepdb,
    django_db_createdb,
    django_db_modify_db_settings,
    tmp_path_factory,
):
    """pytest-django's database setup, except that a process making a new test
    database copies one migrated template instead of running the migrations
    (tests/support/dbtemplate.py): each parallel worker, and a single process
    too. Reusing databases (`--reuse-db` alone) or `--no-migrations` take
    pytest-django's path unchanged."""
    from django.test.utils import setup_databases, teardown_databases

    from tests.support import dbtemplate

    reuse = django_db_keepdb and not django_db_createdb
    verbosity = request.config.option.verbose
    if not reuse and django_db_use_migrations:
        from django.db import connections
        from pytest_django.fixtures import _get_databases_for_setup

        lock = tmp_path_factory.getbasetemp().parent / "test-db-template.lock"
        _, serialized_aliases = _get_databases_for_setup(request.session.items)
        with django_db_blocker.unblock():
            original = dbtemplate.setup_worker_database(lock, verbosity)
            # What serialized_rollback tests restore, as setup_databases saves it.
            if "default" in serialized_aliases:
                connection = connections["default"]
                connection._test_serialized_contents = (
                    connection.creation.serialize_db_to_string()
                )
        yield
        if not django_db_keepdb:
            with django_db_blocker.unblock():
                _drop_leftover_sessions(connections)
                connections["default"].creation.destroy_test_db(original, verbosity)
        return

    from pytest_django.fixtures import _disable_migrations, _get_databases_for_setup

    if not django_db_use_migrations:
        _disable_migrations()
    aliases, serialized_aliases = _get_databases_for_setup(request.session.items)
    with django_db_blocker.unblock():
        db_cfg = setup_databases(
            verbosity=verbosity,
            interactive=False,
            aliases=aliases,
            serialized_aliases=serialized_aliases,
            keepdb=reuse,
        )
    yield
    if not django_db_keepdb:
        with django_db_blocker.unblock():
            teardown_databases(db_cfg, verbosity=verbosity)


def _drop_leftover_sessions(connections) -> None:
    """Close this process's connections and, on PostgreSQL, end any other session
    still on the worker's test database (a thread of a concurrency or live test
    that had not closed its connection yet), so dropping it cannot fail with
    "database is being accessed by other users"."""
    connection = connections["default"]
    name = connection.settings_dict["NAME"]
    connections.close_all()
    if connection.vendor != "postgresql":
        return
    with connection._nodb_cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            [name],
        )
