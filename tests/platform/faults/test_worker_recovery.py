"""Background work survives a killed worker: nothing is lost, nothing is sent twice.

A worker is killed (SIGKILL) while its mail server stalls in the middle of sending a
notification e-mail. The next worker hands the orphaned task back to the queue once
the dead worker has stopped checking in, the e-mail's stale claim is taken over, and
every e-mail arrives exactly once; running the tasks again sends nothing more.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from notifications.management.commands.run_worker import recover_stale_tasks
from notifications.models import Delivery, Notification, ProcessHeartbeat
from notifications.services import check_in, notify
from notifications.tasks import claim_email, send_notification_email
from tests.factories import UserFactory
from tests.notifications.factories import NotificationFactory, VerifiedEmailFactory
from tests.platform.faults.conftest import free_port, wait_for
from tests.platform.faults.smtp import SlowSmtpServer

# The worker processes must see the rows this test writes: commit them.
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("restore_migrated_data"),
]


@pytest.fixture
def db_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def smtp():
    server = SlowSmtpServer()
    yield server
    server.close()


def _people(count: int):
    people = []
    for _ in range(count):
        user = UserFactory(preferred_language="en")
        VerifiedEmailFactory(user=user)
        people.append(user)
    return people


def _worker(background, smtp, name: str):
    return background(
        "run_worker",
        "--queue-name",
        "*",
        "--interval",
        "0.1",
        "--heartbeat-every",
        "0.5",
        "--stale-after",
        "2",
        "--no-startup-delay",
        app_name=name,
        env={"FAULTS_SMTP_PORT": str(smtp.port), "FAULTS_EMAIL_CLAIM_SECONDS": "2"},
    )


def test_a_worker_killed_mid_send_loses_no_mail_and_sends_none_twice(
    db_tasks, smtp, background
):
    people = _people(3)
    for person in people:
        notify(recipients=[person], kind="system", title=f"For {person.email}")
    notifications = Notification.objects.filter(delivery=Delivery.INSTANT)
    assert notifications.count() == 3
    tasks = DBTaskResult.objects.all()
    assert tasks.count() == 3

    smtp.hold.set()
    first = _worker(background, smtp, "faults-worker-killed")
    assert smtp.stalled.wait(90), first.output()
    first.kill()  # mid-send: the server has not accepted the message
    smtp.release.set()
    assert smtp.recipients() == []
    (orphan,) = tasks.filter(status=TaskResultStatus.RUNNING)
    assert Notification.objects.filter(email_claimed_at__isnull=False).count() == 1

    second = _worker(background, smtp, "faults-worker-second")
    wait_for(
        lambda: notifications.filter(emailed_at__isnull=True).count() == 0,
        timeout=120,
        what="every notification to be e-mailed",
    )
    wait_for(
        lambda: tasks.filter(status=TaskResultStatus.SUCCESSFUL).count() == 3,
        timeout=60,
        what="every task to succeed",
    )
    orphan.refresh_from_db()
    assert len(orphan.worker_ids) == 2  # started by the dead worker, then the second
    assert smtp.recipients() == sorted(p.email for p in people)

    # Running the e-mail tasks again (a retry, a duplicate enqueue) sends nothing.
    again = [
        send_notification_email.enqueue(notification_id=n.pk).id for n in notifications
    ]
    wait_for(
        lambda: (
            DBTaskResult.objects.filter(
                pk__in=again, status=TaskResultStatus.SUCCESSFUL
            ).count()
            == 3
        ),
        timeout=60,
        what="the repeated tasks to finish",
    )
    assert smtp.recipients() == sorted(p.email for p in people)
    assert second.alive(), second.output()
    assert second.stop() == 0


def _running_task(worker_id: str, started_ago: timedelta, attempts: int = 1):
    result = send_notification_email.enqueue(notification_id=1)
    db_result = DBTaskResult.objects.get(pk=result.id)
    db_result.status = TaskResultStatus.RUNNING
    db_result.started_at = timezone.now() - started_ago
    db_result.worker_ids = [f"old-{n}" for n in range(attempts - 1)] + [worker_id]
    db_result.save()
    return db_result


def test_only_tasks_of_workers_that_stopped_checking_in_are_handed_back(db_tasks):
    check_in(kind=ProcessHeartbeat.WORKER, process="alive-worker")
    busy = _running_task("alive-worker", timedelta(minutes=10))
    orphan = _running_task("dead-worker", timedelta(minutes=10))
    fresh = _running_task("dead-worker", timedelta(seconds=1))
    hopeless = _running_task("dead-worker", timedelta(minutes=10), attempts=3)

    assert recover_stale_tasks(stale_after=timedelta(minutes=2), max_attempts=3) == (
        1,
        1,
    )
    statuses = {
        t.pk: t.status
        for t in DBTaskResult.objects.filter(
            pk__in=[busy.pk, orphan.pk, fresh.pk, hopeless.pk]
        )
    }
    assert statuses == {
        busy.pk: TaskResultStatus.RUNNING,
        orphan.pk: TaskResultStatus.READY,
        fresh.pk: TaskResultStatus.RUNNING,
        hopeless.pk: TaskResultStatus.FAILED,
    }


def test_an_email_claim_is_taken_once_and_taken_over_when_stale(settings):
    settings.NOTIFICATION_EMAIL_CLAIM_SECONDS = 60
    (person,) = _people(1)
    notification = NotificationFactory(recipient=person, delivery=Delivery.INSTANT)
    assert claim_email(notification.pk) is True
    assert claim_email(notification.pk) is False
    Notification.objects.filter(pk=notification.pk).update(
        email_claimed_at=timezone.now() - timedelta(minutes=5)
    )
    assert claim_email(notification.pk) is True
    Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())
    Notification.objects.filter(pk=notification.pk).update(
        email_claimed_at=timezone.now() - timedelta(minutes=5)
    )
    assert claim_email(notification.pk) is False


def test_a_mail_server_that_fails_gets_the_email_again_later(settings):
    """Refused or unreachable: the claim is given back and a later attempt queued."""
    from notifications.tasks import EMAIL_RETRY_DELAYS

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": free_port(), "timeout": 5},
        }
    }
    (person,) = _people(1)
    notification = NotificationFactory(recipient=person, delivery=Delivery.INSTANT)

    assert send_notification_email.call(notification_id=notification.pk) is False
    notification.refresh_from_db()
    assert notification.email_claimed_at is None and notification.emailed_at is None
    (retry,) = DBTaskResult.objects.filter(status=TaskResultStatus.READY)
    assert retry.args_kwargs["kwargs"] == {
        "notification_id": notification.pk,
        "attempt": 2,
    }
    assert retry.run_after > timezone.now() + timedelta(seconds=30)

    last = len(EMAIL_RETRY_DELAYS) + 1
    with pytest.raises(OSError):
        send_notification_email.call(notification_id=notification.pk, attempt=last)
    assert DBTaskResult.objects.count() == 1
