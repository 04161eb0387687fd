"""Run the periodic-job scheduler: `manage.py run_scheduler` (or `--once` from cron).

Each pass is caught: an error (a dropped database connection, PostgreSQL restarting)
is logged, every connection is closed, and the next pass comes after a growing pause
(up to 5 minutes) instead of the process exiting. Each successful pass checks in
(`notifications.ProcessHeartbeat`), so `/readyz` reports "scheduler" when none has
checked in recently.
"""

import logging
import signal
import threading
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections
from django.utils import timezone

from notifications import scheduling
from notifications.management.commands.run_worker import close_all_connections
from notifications.models import ProcessHeartbeat
from notifications.services import check_in, check_out, process_id

logger = logging.getLogger("gongzhi.scheduler")

PRUNE_EVERY_SECONDS = 3600
MAX_BACKOFF_SECONDS = 300.0


class Command(BaseCommand):
    help = (
        "Enqueue periodic jobs (digests and other apps' jobs) when they are due. "
        "Safe to run in several processes at once."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--once",
            action="store_true",
            help="Check once and exit (for tests and cron).",
        )
        parser.add_argument(
            "--interval",
            type=float,
            default=30.0,
            help="Seconds between checks (default 30).",
        )

    def say(self, text: str) -> None:
        if self.verbosity:
            self.stdout.write(text)
            self.stdout.flush()

    def handle(self, *args, once=False, interval=30.0, **options):
        self.verbosity = options.get("verbosity", 1)
        self.process = process_id(ProcessHeartbeat.SCHEDULER)
        self.started_at = timezone.now()
        if once:
            self.run_pass()
            scheduling.prune_runs()
            return

        stop = threading.Event()
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_args: stop.set())
        names = ", ".join(j.name for j in scheduling.registered_jobs()) or "-"
        self.say(f"Scheduler running every {interval:g}s; jobs: {names}")
        last_prune = None
        failures = 0
        try:
            while not stop.is_set():
                try:
                    # Replace a connection that died since the last pass.
                    close_old_connections()
                    self.run_pass()
                    # Pruning is cheap but needless every pass.
                    if (
                        last_prune is None
                        or time.monotonic() - last_prune > PRUNE_EVERY_SECONDS
                    ):
                        scheduling.prune_runs()
                        last_prune = time.monotonic()
                except Exception:
                    failures += 1
                    pause = min(MAX_BACKOFF_SECONDS, interval * 2 ** (failures - 1))
                    logger.exception(
                        "Scheduler pass failed (%d in a row); next try in %.1fs",
                        failures,
                        pause,
                    )
                    close_all_connections()
                    stop.wait(pause)
                    continue
                failures = 0
                # A long-running process must not keep a broken or stale connection.
                close_old_connections()
                stop.wait(interval)
        finally:
            try:
                check_out(process=self.process)
            except Exception:  # noqa: BLE001 - exiting anyway
                logger.warning("Scheduler could not check out", exc_info=True)
            close_all_connections()
        self.say("Scheduler stopped.")

    def run_pass(self) -> None:
        enqueued = scheduling.run_due_jobs(timezone.now())
        check_in(
            kind=ProcessHeartbeat.SCHEDULER,
            process=self.process,
            started_at=self.started_at,
        )
        if enqueued:
            self.say(f"Enqueued: {', '.join(enqueued)}")
