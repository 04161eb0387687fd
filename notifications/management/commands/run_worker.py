"""Run the task worker: `manage.py run_worker` (django-tasks-db's `db_worker`, hardened).

Same options as `db_worker`, plus what a long-running production process needs:

- Each pass is caught: an error (a dropped database connection, PostgreSQL
  restarting) is logged, every connection is closed and the pass is retried after a
  growing pause (up to 30 s), instead of the process exiting. Connections are
  health-checked before use (CONN_HEALTH_CHECKS), so one killed while idle is
  replaced without an error at all.
- The worker checks in (`notifications.ProcessHeartbeat`, one row per process) every
  `--heartbeat-every` seconds, from its loop and, while a task runs, from a small
  thread; `/readyz` reports "worker" when no worker has checked in recently.
- Tasks left RUNNING by a worker that stopped checking in (killed, machine lost) are
  handed back to the queue after `--stale-after` seconds (TASK_STALE_SECONDS), or
  marked failed once they have been started TASK_MAX_ATTEMPTS times. Tasks must
  therefore be safe to run again; the notification e-mail claims its delivery first
  (`notifications.tasks.claim_email`), so a re-run never sends twice.
- A task whose result could not be recorded (the connection died at the end) is put
  back to READY by this worker once it has reconnected.

Run this instead of `db_worker`: a plain `db_worker` does not check in, so its
long-running tasks would be taken for orphans after `--stale-after`.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from datetime import timedelta

from django.conf import settings
from django.db import OperationalError, close_old_connections, connections, transaction
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception

from notifications.models import ProcessHeartbeat
from notifications.services import check_in, check_out, prune_check_ins

logger = logging.getLogger("gongzhi.worker")

MAX_BACKOFF_SECONDS = 30.0


class WorkerLost(Exception):
    """Recorded on a task whose worker died each time it was started."""


def default_worker_id() -> str:
    return f"{socket.gethostname()[:40]}:{os.getpid()}:{get_random_string(6)}"


def close_all_connections() -> None:
    """Drop every database connection (broken ones included); the next query reconnects."""
    for conn in connections.all(initialized_only=True):
        try:
            conn.close()
        except Exception:  # noqa: BLE001 - closing a dead connection may fail too
            conn.connection = None


def recover_stale_tasks(
    *,
    stale_after: timedelta,
    max_attempts: int,
    now=None,
) -> tuple[int, int]:
    """Hand back RUNNING tasks whose worker stopped checking in; returns (requeued, failed).

    A task counts as orphaned when it started more than `stale_after` ago and the
    worker that started it (the last of its `worker_ids`) has not checked in within
    `stale_after`. It goes back to READY, or is marked failed (WorkerLost) once it
    has been started `max_attempts` times, so a task that kills its worker cannot
    loop forever.
    """
    now = now or timezone.now()
    cutoff = now - stale_after
    alive = set(
        ProcessHeartbeat.objects.filter(
            kind=ProcessHeartbeat.WORKER, seen_at__gte=cutoff
        ).values_list("process_id", flat=True)
    )
    requeued = failed = 0
    with transaction.atomic():
        candidates = (
            DBTaskResult.objects.running()
            .filter(started_at__lt=cutoff)
            .select_for_update(skip_locked=True)
        )
        for task_result in candidates:
            owner = task_result.worker_ids[-1] if task_result.worker_ids else None
            if owner in alive:
                continue
            if len(task_result.worker_ids) >= max_attempts:
                task_result.status = TaskResultStatus.FAILED
                task_result.finished_at = now
                task_result.return_value = None
                task_result.exception_class_path = (
                    f"{WorkerLost.__module__}.{WorkerLost.__qualname__}"
                )
                task_result.traceback = (
                    f"WorkerLost: started {len(task_result.worker_ids)} times; "
                    f"each worker stopped checking in before it finished "
                    f"(workers: {', '.join(task_result.worker_ids)})"
                )
                task_result.save(
                    update_fields=[
                        "status",
                        "finished_at",
                        "return_value",
                        "exception_class_path",
                        "traceback",
                    ]
                )
                failed += 1
                logger.error(
                    "Task %s (%s) marked failed: its worker was lost %d times",
                    task_result.id,
                    task_result.task_path,
                    len(task_result.worker_ids),
                )
            else:
                task_result.status = TaskResultStatus.READY
                task_result.save(update_fields=["status"])
                requeued += 1
                logger.warning(
                    "Task %s (%s) handed back to the queue: worker %s stopped "
                    "checking in",
                    task_result.id,
                    task_result.task_path,
                    owner,
                )
    return requeued, failed


class ResilientWorker(Worker):
    def __init__(
        self,
        *,
        stale_after: float,
        max_attempts: int,
        heartbeat_every: float,
        **kwargs,
    ):
        super().__init__(**kwargs)
        self.stale_after = timedelta(seconds=stale_after)
        self.max_attempts = max_attempts
        self.heartbeat_every = heartbeat_every
        self.started_at = timezone.now()
        self._last_beat = None
        self._last_recovery = None
        self._unrecorded: list = []
        self._stop_beating = threading.Event()

    # -- checking in ---------------------------------------------------------
    def check_in(self) -> None:
        check_in(
            kind=ProcessHeartbeat.WORKER,
            process=self.worker_id,
            started_at=self.started_at,
        )

    def _beat_while_running_tasks(self) -> None:
        """A long task must not make this worker look dead (see module doc)."""
        while not self._stop_beating.wait(self.heartbeat_every):
            if not self.running_task:
                continue
            try:
                close_old_connections()
                self.check_in()
            except Exception:  # noqa: BLE001 - the loop retries next time
                logger.warning("Worker heartbeat failed", exc_info=True)
                close_all_connections()
        connections.close_all()

    def _due(self, last, every: float) -> bool:
        return last is None or time.monotonic() - last >= every

    # -- the loop ------------------------------------------------------------
    def run(self) -> None:
        logger.info(
            "Starting worker %s (queues %s; stale after %ss)",
            self.worker_id,
            ",".join(self.queue_names),
            int(self.stale_after.total_seconds()),
        )
        beater = threading.Thread(
            target=self._beat_while_running_tasks, name="worker-heartbeat", daemon=True
        )
        beater.start()
        failures = 0
        try:
            while self.running:
                try:
                    ran, idle = self.run_pass()
                except Exception:
                    failures += 1
                    pause = min(MAX_BACKOFF_SECONDS, self.interval * 2**failures)
                    logger.exception(
                        "Worker pass failed (%d in a row); reconnecting in %.1fs",
                        failures,
                        pause,
                    )
                    close_all_connections()
                    if self.running:
                        time.sleep(pause)
                    continue
                failures = 0
                if self.batch and idle:
                    logger.info("No more tasks for worker %s; exiting.", self.worker_id)
                    return
                if self.max_tasks is not None and self._run_tasks >= self.max_tasks:
                    logger.info("Ran %d tasks; exiting.", self._run_tasks)
                    return
                if self.running and not ran:
                    time.sleep(self.interval)
        finally:
            self._stop_beating.set()
            try:
                close_all_connections()
                check_out(process=self.worker_id)
            except Exception:  # noqa: BLE001 - exiting anyway
                logger.warning("Worker could not check out", exc_info=True)

    def run_pass(self) -> tuple[bool, bool]:
        """One pass; returns (ran a task, found the queue empty)."""
        close_old_connections()
        if self._unrecorded:
            # Results this worker could not record: run them again (tasks are
            # safe to re-run), now that the connection is back.
            DBTaskResult.objects.filter(
                pk__in=self._unrecorded, status=TaskResultStatus.RUNNING
            ).update(status=TaskResultStatus.READY)
            self._unrecorded = []
        if self._due(self._last_beat, self.heartbeat_every):
            self.check_in()
            self._last_beat = time.monotonic()
        if self._due(self._last_recovery, min(self.heartbeat_every, 60.0)):
            recover_stale_tasks(
                stale_after=self.stale_after, max_attempts=self.max_attempts
            )
            prune_check_ins()
            self._last_recovery = time.monotonic()

        tasks = DBTaskResult.objects.ready().filter(backend_name=self.backend_name)
        if not self.process_all_queues:
            tasks = tasks.filter(queue_name__in=self.queue_names)
        if self.excluded_queue_names:
            tasks = tasks.exclude(queue_name__in=self.excluded_queue_names)
        try:
            with exclusive_transaction(tasks.db):
                task_result = tasks.get_locked()
                if task_result is not None:
                    task_result.claim(self.worker_id)
        except OperationalError as exc:
            if is_locked_database_exception(exc):
                return False, False  # SQLite busy: try again next pass
            raise
        if task_result is None:
            close_old_connections()
            return False, True
        try:
            self.run_task(task_result)
        except Exception:
            # The task ran (or failed) but its outcome could not be saved.
            self._unrecorded.append(task_result.pk)
            raise
        close_old_connections()
        return True, False


class Command(DbWorkerCommand):
    help = (
        "Run the database task worker, surviving database outages, checking in for "
        "/readyz and handing back tasks whose worker died (use instead of db_worker)."
    )

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        parser.set_defaults(worker_id=default_worker_id())
        parser.add_argument(
            "--stale-after",
            type=float,
            default=None,
            help="Seconds after which a RUNNING task whose worker stopped checking in "
            "is handed back (default: TASK_STALE_SECONDS).",
        )
        parser.add_argument(
            "--max-attempts",
            type=int,
            default=None,
            help="Starts after which an orphaned task is marked failed instead "
            "(default: TASK_MAX_ATTEMPTS).",
        )
        parser.add_argument(
            "--heartbeat-every",
            type=float,
            default=15.0,
            help="Seconds between check-ins (default 15).",
        )

    def handle(
        self,
        *,
        verbosity,
        queue_name,
        interval,
        batch,
        backend_name,
        startup_delay,
        reload,
        max_tasks,
        worker_id,
        exclude_queues,
        stale_after=None,
        max_attempts=None,
        heartbeat_every=15.0,
        **options,
    ) -> None:
        self.configure_logging(verbosity)
        queue_names = queue_name.split(",")
        excluded = exclude_queues.split(",") if exclude_queues else []
        worker = ResilientWorker(
            queue_names=queue_names,
            interval=interval,
            batch=batch,
            backend_name=backend_name,
            startup_delay=startup_delay,
            max_tasks=max_tasks,
            worker_id=worker_id,
            excluded_queue_names=excluded,
            stale_after=(
                stale_after if stale_after is not None else settings.TASK_STALE_SECONDS
            ),
            max_attempts=max_attempts or settings.TASK_MAX_ATTEMPTS,
            heartbeat_every=heartbeat_every,
        )
        worker.configure_signals()
        if reload and not batch:
            logger.warning("run_worker does not reload on code changes; ignoring.")
        worker.run()
