"""The worker and the scheduler catch a failing pass and carry on (both engines).

The PostgreSQL tests in test_database_connection.py kill real connections; these run
the same loops in-process with a pass that raises, so SQLite runs cover them too.
"""

from __future__ import annotations

import os
import signal

import pytest
from django.db import OperationalError

from notifications.management.commands import run_scheduler, run_worker
from notifications.models import ProcessHeartbeat

# The loops close and reopen connections, which a test transaction would not survive.
# The commands' start-up checks look at every database, the test replica too.
pytestmark = [
    pytest.mark.django_db(transaction=True, databases=["default", "replica"]),
    pytest.mark.usefixtures("restore_migrated_data"),
]


def test_the_worker_loop_survives_a_failing_pass(monkeypatch):
    worker = run_worker.ResilientWorker(
        queue_names=["*"],
        interval=0.01,
        batch=False,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="in-process-worker",
        excluded_queue_names=[],
        stale_after=60,
        max_attempts=3,
        heartbeat_every=0.01,
    )
    real_pass = worker.run_pass
    calls = []

    def flaky_pass():
        calls.append(len(calls))
        if len(calls) == 1:
            raise OperationalError("server closed the connection unexpectedly")
        if len(calls) == 2:
            result = real_pass()
            assert ProcessHeartbeat.objects.filter(
                process_id="in-process-worker"
            ).exists()
            return result
        worker.running = False
        return False, False

    monkeypatch.setattr(worker, "run_pass", flaky_pass)
    worker.run()
    assert len(calls) == 3
    # Stopping cleanly checks out.
    assert not ProcessHeartbeat.objects.filter(process_id="in-process-worker").exists()


def test_the_scheduler_loop_survives_a_failing_pass(monkeypatch):
    saved = {s: signal.getsignal(s) for s in (signal.SIGTERM, signal.SIGINT)}
    real_pass = run_scheduler.Command.run_pass
    calls = []
    seen = []

    def flaky_pass(self):
        calls.append(len(calls))
        if len(calls) == 1:
            raise OperationalError(
                "terminating connection due to administrator command"
            )
        real_pass(self)
        seen.extend(
            ProcessHeartbeat.objects.filter(kind="scheduler").values_list(
                "process_id", flat=True
            )
        )
        os.kill(os.getpid(), signal.SIGTERM)  # the command's handler stops the loop

    monkeypatch.setattr(run_scheduler.Command, "run_pass", flaky_pass)
    try:
        run_scheduler.Command().run_from_argv(
            ["manage.py", "run_scheduler", "--interval", "0.01", "-v", "0"]
        )
    finally:
        for signum, handler in saved.items():
            signal.signal(signum, handler)
    assert len(calls) == 2
    assert len(seen) == 1  # it checked in after the failed pass
    assert not ProcessHeartbeat.objects.filter(kind="scheduler").exists()
