"""A dropped database connection (PostgreSQL restart, pg_terminate_backend, a network
blip) costs nothing: the web worker's next request, the task worker and the scheduler
carry on. Only this test's own connections are terminated, never the server."""

from __future__ import annotations

import time

import pytest
from django.conf import settings
from django.db import connection

from notifications.models import ProcessHeartbeat
from tests.platform.faults.conftest import terminate_backends, wait_for

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("restore_migrated_data"),
    pytest.mark.postgres,
    pytest.mark.skipif(
        not settings.IS_POSTGRES,
        reason="needs PostgreSQL: terminates the test's own server connections "
        "(pg_terminate_backend); SQLite has no connection to drop",
    ),
]


def _get(app, path: str) -> int:
    from django.test.client import RequestFactory

    # A session cookie: reading the session is a query on every request.
    environ = RequestFactory()._base_environ(
        PATH_INFO=path,
        REQUEST_METHOD="GET",
        HTTP_COOKIE=f"{settings.SESSION_COOKIE_NAME}=nosuchsession0123456789abcdef",
    )
    statuses = []

    def start_response(status, headers, exc_info=None):
        statuses.append(int(status.split()[0]))

    body = app(environ, start_response)
    b"".join(body)
    body.close()  # sends request_finished, like a real server
    return statuses[0]


def test_a_web_worker_answers_the_first_request_after_its_connection_was_dropped():
    """Production keeps connections (CONN_MAX_AGE); health checks replace a dead one."""
    from django.core.handlers.wsgi import WSGIHandler

    connection.close()
    kept = connection.settings_dict["CONN_MAX_AGE"]
    connection.settings_dict["CONN_MAX_AGE"] = 60
    try:
        app = WSGIHandler()
        first = _get(app, "/accounts/login/")
        assert first == 200
        assert connection.connection is not None, "the connection was not kept"
        terminate_backends(pid=connection.connection.info.backend_pid)
        assert _get(app, "/accounts/login/") == 200
        assert _get(app, "/accounts/login/") == 200
    finally:
        connection.settings_dict["CONN_MAX_AGE"] = kept
        connection.close()


def _enqueue_noop_tasks(count: int):
    from django_tasks_db.models import DBTaskResult

    from notifications.tasks import send_notification_email

    # A notification that does not exist: the task runs, finds nothing, succeeds.
    backend = "default"
    ids = []
    for n in range(count):
        result = send_notification_email.using(backend=backend).enqueue(
            notification_id=10_000_000 + n
        )
        ids.append(result.id)
    return DBTaskResult.objects.filter(pk__in=ids)


def test_the_task_worker_survives_its_connections_being_dropped(settings, background):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    worker = background(
        "run_worker",
        "--queue-name",
        "*",
        "--interval",
        "0.1",
        "--heartbeat-every",
        "0.5",
        "--no-startup-delay",
        app_name="faults-worker-drop",
    )
    wait_for(
        lambda: ProcessHeartbeat.objects.filter(kind="worker").exists(),
        what="the worker to check in",
    )
    tasks = _enqueue_noop_tasks(20)
    # Kill the worker's connections over and over while it works: some die idle,
    # some in the middle of a query.
    killed = 0
    deadline = time.monotonic() + 4
    while time.monotonic() < deadline:
        killed += terminate_backends(application_name="faults-worker-drop")
        time.sleep(0.05)
    assert killed, "the worker never held a connection to drop"
    assert worker.alive(), worker.output()
    wait_for(
        lambda: tasks.filter(status="SUCCESSFUL").count() == 20,
        timeout=90,
        what="every task to succeed after the connections were dropped",
    )
    assert worker.alive(), worker.output()
    # Checking in again, too.
    before = ProcessHeartbeat.objects.get(kind="worker").seen_at
    wait_for(
        lambda: ProcessHeartbeat.objects.get(kind="worker").seen_at > before,
        what="a fresh check-in",
    )
    assert worker.stop() == 0


def test_the_scheduler_survives_its_connections_being_dropped(background):
    scheduler = background(
        "run_scheduler", "--interval", "0.2", app_name="faults-scheduler-drop"
    )
    wait_for(
        lambda: ProcessHeartbeat.objects.filter(kind="scheduler").exists(),
        what="the scheduler to check in",
    )
    killed = 0
    deadline = time.monotonic() + 4
    while time.monotonic() < deadline:
        killed += terminate_backends(application_name="faults-scheduler-drop")
        time.sleep(0.05)
    assert killed, "the scheduler never held a connection to drop"
    assert scheduler.alive(), scheduler.output()
    before = ProcessHeartbeat.objects.get(kind="scheduler").seen_at
    wait_for(
        lambda: ProcessHeartbeat.objects.get(kind="scheduler").seen_at > before,
        timeout=60,
        what="the scheduler to check in again",
    )
    assert scheduler.alive(), scheduler.output()
    assert scheduler.stop() == 0
    assert not ProcessHeartbeat.objects.filter(kind="scheduler").exists()
