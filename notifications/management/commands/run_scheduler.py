"""Run the periodic-job scheduler: `manage.py run_scheduler` (or `--once` from cron)."""

import signal
import threading
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections
from django.utils import timezone

from notifications import scheduling

PRUNE_EVERY_SECONDS = 3600


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
        while not stop.is_set():
            self.run_pass()
            # Pruning is cheap but needless every pass.
            if (
                last_prune is None
                or time.monotonic() - last_prune > PRUNE_EVERY_SECONDS
            ):
                scheduling.prune_runs()
                last_prune = time.monotonic()
            # A long-running process must not keep a broken or stale connection.
            close_old_connections()
            stop.wait(interval)
        self.say("Scheduler stopped.")

    def run_pass(self) -> None:
        enqueued = scheduling.run_due_jobs(timezone.now())
        if enqueued:
            self.say(f"Enqueued: {', '.join(enqueued)}")
