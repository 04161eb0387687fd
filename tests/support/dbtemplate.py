"""One migrated template database, cloned for each test process.

Running the project's migrations costs over a minute of CPU (Django re-renders the
related models' state for every operation, and there are hundreds), and with
pytest-xdist every worker used to run them for its own test database. Instead the
first worker migrates a template database once, and each worker copies it: a file
copy on SQLite, `CREATE DATABASE … TEMPLATE …` on PostgreSQL, under a file lock so
the workers take turns. CI builds the SQLite and the PostgreSQL templates side by
side before the two runs (`python -m tests.support.dbtemplate`).

A template is reused while it has every migration applied (checked by migration
name on each use); `GONGZHI_FRESH_TEMPLATE=1` rebuilds it regardless, e.g. after
editing a migration in place.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import sys
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import connections

ALIAS = "default"


def _is_sqlite(settings_dict) -> bool:
    return settings_dict["ENGINE"] == "django.db.backends.sqlite3"


def template_name() -> str:
    """The template's database name (a file path on SQLite)."""
    settings_dict = connections[ALIAS].settings_dict
    if _is_sqlite(settings_dict):
        return str(Path(settings.VAR_DIR) / "test-template.sqlite3")
    return f"test_{settings_dict['NAME']}_template"


@contextmanager
def _connected_to(name: str):
    """Point the default connection at database `name` for the block."""
    connection = connections[ALIAS]
    saved = connection.settings_dict["NAME"]
    connection.close()
    connection.settings_dict["NAME"] = name
    try:
        yield connection
    finally:
        connection.close()
        connection.settings_dict["NAME"] = saved


def _exists(name: str) -> bool:
    connection = connections[ALIAS]
    if _is_sqlite(connection.settings_dict):
        return Path(name).exists()
    with connection.creation._nodb_cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        return cursor.fetchone() is not None


def _is_current(name: str) -> bool:
    """Every migration of the project is applied in database `name`."""
    from django.db.migrations.executor import MigrationExecutor

    if os.environ.get("GONGZHI_FRESH_TEMPLATE") == "1" or not _exists(name):
        return False
    with _connected_to(name) as connection:
        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
        return not plan


def build(verbosity: int = 0) -> str:
    """Create and migrate the template from scratch; return its name."""
    connection = connections[ALIAS]
    name = template_name()
    test_settings = connection.settings_dict.setdefault("TEST", {})
    saved_name, saved_test = connection.settings_dict["NAME"], test_settings.get("NAME")
    test_settings["NAME"] = name
    try:
        connection.creation.create_test_db(
            verbosity=verbosity, autoclobber=True, keepdb=False
        )
    finally:
        connection.close()
        connection.settings_dict["NAME"] = saved_name
        test_settings["NAME"] = saved_test
    return name


def ensure(verbosity: int = 0) -> str:
    """The template, built if it is missing or behind the migrations."""
    name = template_name()
    if not _is_current(name):
        build(verbosity)
    return name


def clone(template: str, target: str) -> None:
    """Make database `target` a copy of `template` (replacing any old `target`)."""
    connection = connections[ALIAS]
    connection.close()
    if _is_sqlite(connection.settings_dict):
        for suffix in ("", "-wal", "-shm"):
            Path(target + suffix).unlink(missing_ok=True)
        shutil.copyfile(template, target)
        return
    quote = connection.ops.quote_name
    with connection.creation._nodb_cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {quote(target)}")
        cursor.execute(f"CREATE DATABASE {quote(target)} TEMPLATE {quote(template)}")


@contextmanager
def file_lock(path: Path):
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def setup_worker_database(lock_path: Path, verbosity: int = 0) -> str:
    """Give this process its own test database, copied from the template.

    Afterwards the default connection points at it, as Django's `create_test_db`
    leaves it. Returns the original database name (for teardown).
    """
    connection = connections[ALIAS]
    # The worker's name (pytest-django suffixes it), or Django's `test_<name>`.
    target = connection.creation._get_test_db_name()
    with file_lock(lock_path):
        template = ensure(verbosity)
        clone(template, target)
    original = connection.settings_dict["NAME"]
    settings.DATABASES[ALIAS]["NAME"] = target
    connection.settings_dict["NAME"] = target
    connection.close()
    # Aliases that mirror the default database (the read-replica alias of the test
    # settings) read the copy too, as Django's setup_databases makes them.
    for alias in connections:
        mirror = connections[alias].settings_dict.get("TEST", {}).get("MIRROR")
        if alias != ALIAS and mirror == ALIAS:
            connections[alias].creation.set_as_test_mirror(connection.settings_dict)
            connections[alias].close()
    return original


if __name__ == "__main__":  # CI: build the template before the test run
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    django.setup()
    sys.stdout.write(f"test database template ready: {ensure()}\n")
