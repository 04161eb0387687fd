"""Periodic jobs for every app, safe with several scheduler processes.

Apps register jobs in `AppConfig.ready()`:

    register("notifications.daily_digest", send_digests, daily_at=time(7),
             kwargs={"period": "daily"})

`run_due_jobs(now)` (called every 30 seconds by `manage.py run_scheduler`) works out
each job's latest due slot and enqueues the task once per slot. The slot is claimed by
inserting a unique `PeriodicRun(name, slot)` row in the same transaction as the enqueue,
so two scheduler processes never enqueue the same slot twice, and a slot whose enqueue
failed is retried on the next pass. After downtime only the latest missed slot runs
(no flood of catch-up runs).

`daily_at` is wall-clock time in the site's time zone (settings.TIME_ZONE,
Asia/Shanghai by default); `weekday` (0 = Monday) turns it into a weekly job.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from notifications.models import PeriodicRun

logger = logging.getLogger(__name__)

EPOCH = datetime(2000, 1, 3, tzinfo=UTC)  # a Monday, midnight UTC


@dataclass(frozen=True)
class Job:
    name: str
    task: Any  # a django.tasks Task (anything with .enqueue(**kwargs))
    every: timedelta | None = None
    daily_at: time | None = None
    weekday: int | None = None
    kwargs: dict[str, Any] = field(default_factory=dict)

    def latest_slot(self, now: datetime) -> datetime:
        """The start of the most recent slot at or before `now`."""
        if self.every is not None:
            periods = (now - EPOCH) // self.every
            return EPOCH + periods * self.every
        tz = timezone.get_default_timezone()
        local_now = now.astimezone(tz)
        day = local_now.date()
        while True:
            candidate = datetime.combine(day, self.daily_at, tzinfo=tz)
            matches_day = self.weekday is None or day.weekday() == self.weekday
            if matches_day and candidate <= local_now:
                return candidate.astimezone(UTC)
            day -= timedelta(days=1)


_JOBS: dict[str, Job] = {}


def register(
    name: str,
    task,
    *,
    every: timedelta | None = None,
    daily_at: time | None = None,
    weekday: int | None = None,
    kwargs: dict[str, Any] | None = None,
) -> Job:
    """Register (or replace) a periodic job: `every` an interval, or `daily_at` a time."""
    if (every is None) == (daily_at is None):
        raise ValueError("Give exactly one of `every` or `daily_at`.")
    if every is not None and every <= timedelta(0):
        raise ValueError("`every` must be a positive interval.")
    if weekday is not None and (daily_at is None or weekday not in range(7)):
        raise ValueError("`weekday` (0 = Monday to 6) needs `daily_at`.")
    job = Job(
        name=name,
        task=task,
        every=every,
        daily_at=daily_at,
        weekday=weekday,
        kwargs=dict(kwargs or {}),
    )
    _JOBS[name] = job
    return job


def registered_jobs() -> list[Job]:
    return sorted(_JOBS.values(), key=lambda j: j.name)


def run_due_jobs(now: datetime | None = None) -> list[str]:
    """Enqueue every job whose latest slot has not been claimed yet.

    Returns the names of the jobs this call enqueued.
    """
    now = now or timezone.now()
    enqueued = []
    for job in registered_jobs():
        slot = job.latest_slot(now)
        if PeriodicRun.objects.filter(name=job.name, slot=slot).exists():
            continue
        try:
            with transaction.atomic():
                PeriodicRun.objects.create(name=job.name, slot=slot)
                job.task.enqueue(**job.kwargs)
        except IntegrityError:
            # Another scheduler process claimed this slot first.
            continue
        except Exception:
            logger.exception("Could not enqueue periodic job %s", job.name)
            continue
        enqueued.append(job.name)
    return enqueued


def prune_runs(*, older_than: timedelta = timedelta(days=30)) -> int:
    """Forget claimed slots long past (they only need to outlive their slot)."""
    deleted, _details = PeriodicRun.objects.filter(
        slot__lt=timezone.now() - older_than
    ).delete()
    return deleted
