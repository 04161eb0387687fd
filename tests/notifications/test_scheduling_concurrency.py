"""Several scheduler processes racing for one slot enqueue the job once.

Real concurrency needs committed rows and one connection per thread, so these tests
are transactional (SQLite file database or PostgreSQL).
"""

import threading
from datetime import timedelta

import pytest
from django.db import connection

from notifications import scheduling
from notifications.models import PeriodicRun
from tests.notifications.test_scheduling import FakeTask, at

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("restore_migrated_data"),
]


def test_concurrent_scheduler_processes_never_double_enqueue(empty_schedule):
    """Several threads, each with its own database connection, race for one slot."""
    task = FakeTask()
    scheduling.register("contended", task, every=timedelta(hours=1))
    now = at(2026, 3, 2, 10, 30)
    workers = 4
    barrier = threading.Barrier(workers)
    results, errors = [], []

    def run():
        try:
            barrier.wait()
            results.append(scheduling.run_due_jobs(now))
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert sorted(results) == [[], [], [], ["contended"]]
    assert len(task.calls) == 1
    assert PeriodicRun.objects.filter(name="contended").count() == 1
