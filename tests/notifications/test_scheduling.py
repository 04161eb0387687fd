"""The periodic-job scheduler: due slots, one enqueue per slot, across processes."""

import threading
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from notifications import scheduling, services
from notifications.models import PeriodicRun
from tests.notifications.conftest import DAILY_KIND, WEEKLY_KIND

SHANGHAI = ZoneInfo("Asia/Shanghai")


class FakeTask:
    """Counts enqueues (thread-safe), like a django.tasks Task would be enqueued."""

    def __init__(self, fail=False):
        self.calls = []
        self.fail = fail
        self._lock = threading.Lock()

    def enqueue(self, **kwargs):
        if self.fail:
            raise ConnectionError("task backend down")
        with self._lock:
            self.calls.append(kwargs)


def at(*args):
    return datetime(*args, tzinfo=SHANGHAI)


@pytest.mark.django_db
def test_an_interval_job_is_enqueued_once_per_slot(empty_schedule):
    task = FakeTask()
    scheduling.register("tick", task, every=timedelta(minutes=5), kwargs={"n": 1})

    assert scheduling.run_due_jobs(at(2026, 3, 2, 10, 1)) == ["tick"]
    assert scheduling.run_due_jobs(at(2026, 3, 2, 10, 4, 59)) == []
    assert scheduling.run_due_jobs(at(2026, 3, 2, 10, 5)) == ["tick"]

    assert task.calls == [{"n": 1}, {"n": 1}]


@pytest.mark.django_db
def test_a_daily_job_runs_at_its_local_time(empty_schedule):
    task = FakeTask()
    scheduling.register("morning", task, daily_at=time(7, 0))
    # The first pass catches up on yesterday's slot; then nothing until 07:00.
    scheduling.run_due_jobs(at(2026, 3, 2, 6, 0))
    task.calls.clear()

    assert scheduling.run_due_jobs(at(2026, 3, 2, 6, 59, 59)) == []
    assert scheduling.run_due_jobs(at(2026, 3, 2, 7, 0, 10)) == ["morning"]
    assert scheduling.run_due_jobs(at(2026, 3, 2, 23, 0)) == []

    assert len(task.calls) == 1
    latest = PeriodicRun.objects.filter(name="morning").latest("slot")
    # 07:00 in Shanghai is 23:00 UTC the day before.
    assert latest.slot == datetime(2026, 3, 1, 23, 0, tzinfo=UTC)


def test_a_weekly_slot_is_the_latest_monday_at_seven():
    job = scheduling.Job(name="w", task=None, daily_at=time(7), weekday=0)

    assert job.latest_slot(at(2026, 3, 4, 12, 0)) == at(2026, 3, 2, 7, 0)  # Wed
    assert job.latest_slot(at(2026, 3, 2, 6, 59)) == at(2026, 2, 23, 7, 0)  # Mon early
    assert job.latest_slot(at(2026, 3, 2, 7, 0)) == at(2026, 3, 2, 7, 0)


@pytest.mark.django_db
def test_two_scheduler_passes_for_the_same_slot_enqueue_once(empty_schedule):
    task = FakeTask()
    scheduling.register("once", task, every=timedelta(hours=1))
    now = at(2026, 3, 2, 10, 30)

    first = scheduling.run_due_jobs(now)
    second = scheduling.run_due_jobs(now)

    assert (first, second) == (["once"], [])
    assert len(task.calls) == 1


@pytest.mark.django_db
def test_a_slot_claimed_by_another_process_between_check_and_insert_is_skipped(
    empty_schedule, monkeypatch
):
    """The unique row is the lock, not the exists() pre-check."""
    task = FakeTask()
    scheduling.register("race", task, every=timedelta(hours=1))
    now = at(2026, 3, 2, 10, 30)
    PeriodicRun.objects.create(
        name="race", slot=scheduling.registered_jobs()[0].latest_slot(now)
    )
    monkeypatch.setattr(
        scheduling.PeriodicRun.objects, "filter", lambda **kw: _NothingExists()
    )

    assert scheduling.run_due_jobs(now) == []
    assert task.calls == []


class _NothingExists:
    def exists(self):
        return False


@pytest.mark.django_db
def test_a_failed_enqueue_does_not_claim_the_slot(empty_schedule):
    failing = FakeTask(fail=True)
    scheduling.register("flaky", failing, every=timedelta(hours=1))
    now = at(2026, 3, 2, 10, 30)

    assert scheduling.run_due_jobs(now) == []
    assert not PeriodicRun.objects.exists()

    failing.fail = False
    assert scheduling.run_due_jobs(now) == ["flaky"]


@pytest.mark.parametrize(
    "options",
    [
        {},
        {"every": timedelta(minutes=1), "daily_at": time(7)},
        {"every": timedelta(0)},
        {"every": timedelta(hours=1), "weekday": 0},
        {"daily_at": time(7), "weekday": 7},
    ],
)
def test_an_ambiguous_schedule_is_refused(empty_schedule, options):
    with pytest.raises(ValueError):
        scheduling.register("bad", FakeTask(), **options)


def test_the_app_registers_the_daily_and_weekly_digests_at_seven_shanghai_time():
    jobs = {job.name: job for job in scheduling.registered_jobs()}
    daily = jobs["notifications.daily_digest"]
    weekly = jobs["notifications.weekly_digest"]

    assert daily.kwargs == {"period": "daily"}
    assert weekly.kwargs == {"period": "weekly"}
    assert daily.latest_slot(at(2026, 3, 4, 8, 0)) == at(2026, 3, 4, 7, 0)
    assert weekly.latest_slot(at(2026, 3, 4, 8, 0)) == at(2026, 3, 2, 7, 0)


@pytest.mark.django_db
def test_the_scheduler_sends_the_digests_when_they_are_due(person, test_kinds):
    with time_machine.travel(at(2026, 3, 1, 8, 0), tick=False):  # Sunday morning
        # A scheduler already running has claimed every slot up to now.
        call_command("run_scheduler", "--once", verbosity=0)
    with time_machine.travel(at(2026, 3, 1, 18, 0), tick=False):
        services.notify(recipients=person, kind=DAILY_KIND, title="daily-news")
        services.notify(recipients=person, kind=WEEKLY_KIND, title="weekly-news")
    assert mail.outbox == []

    with time_machine.travel(at(2026, 3, 2, 7, 0, 20), tick=False):  # Monday
        call_command("run_scheduler", "--once", verbosity=0)

    bodies = sorted(m.body for m in mail.outbox)
    assert len(bodies) == 2
    assert "daily-news" in bodies[0] + bodies[1]
    assert any("weekly-news" in b and "daily-news" not in b for b in bodies)


@pytest.mark.django_db
def test_the_command_once_enqueues_due_jobs_and_exits(empty_schedule, capsys):
    task = FakeTask()
    scheduling.register("cmd", task, every=timedelta(hours=1))

    call_command("run_scheduler", "--once")
    call_command("run_scheduler", "--once")

    assert len(task.calls) == 1
    assert "Enqueued: cmd" in capsys.readouterr().out


@pytest.mark.django_db
def test_old_claims_are_pruned_but_recent_ones_kept():
    old = PeriodicRun.objects.create(name="x", slot=at(2020, 1, 1, 7, 0))
    with time_machine.travel(at(2026, 3, 2, 7, 0), tick=False):
        recent = PeriodicRun.objects.create(name="x", slot=at(2026, 3, 1, 7, 0))
        assert scheduling.prune_runs() == 1
    assert list(PeriodicRun.objects.values_list("pk", flat=True)) == [recent.pk]
    assert old.pk != recent.pk
