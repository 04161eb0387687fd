"""The demo data, seeded once for every test in this folder.

`seed_demo` builds a whole district (regions, ~40 residents, every app's demo) and
takes seconds; seeding it per test made these tests a third of the suite's time.
Here it runs once, inside a transaction that stays open while the folder's tests
run (each test runs in a savepoint inside it, as pytest-django arranges) and is
rolled back after the last one, so no other test sees the demo data. The tests
are sent to one xdist worker (see the root conftest), so it is seeded once per run.
"""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.db import transaction


@pytest.fixture(scope="package")
def demo_output(django_db_setup, django_db_blocker) -> str:
    """Seed the demo once for the package; yields what seed_demo printed."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            out = io.StringIO()
            call_command("seed_demo", "--force", stdout=out)
            yield out.getvalue()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def seeded(demo_output, db):
    """The demo communities (the demo data is in place for the test)."""
    from communities.models import Community

    return Community.objects.all()
