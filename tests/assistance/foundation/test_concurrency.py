"""Two officers moving the same case at once: the row lock lets one through."""

from __future__ import annotations

import contextlib
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection

from assistance.cases.models import CaseEvent, State
from assistance.cases.workflow import transition
from tests.e2e.conftest import wagtail_roots  # noqa: F401

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("restore_migrated_data", "wagtail_roots"),
    pytest.mark.postgres,
    pytest.mark.skipif(
        not settings.IS_POSTGRES,
        reason="needs PostgreSQL: row locks under real parallel connections",
    ),
]


def _race(count, action):
    barrier = threading.Barrier(count)
    outcomes = []

    def attempt(n):
        try:
            with contextlib.suppress(threading.BrokenBarrierError):
                barrier.wait(timeout=30)
            action(n)
            outcomes.append("ok")
        except ValidationError as error:
            outcomes.append(error.code)
        except Exception as error:  # noqa: BLE001 - reported by the assertion
            outcomes.append(repr(error))
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=count) as pool:
        list(pool.map(attempt, range(count)))
    return sorted(outcomes)


def test_confirm_and_refuse_at_once_leave_one_decision(make_case, officer):
    case = make_case("publicity")
    outcomes = _race(
        6,
        lambda n: transition(case, "confirm" if n % 2 else "refuse", actor=officer),
    )
    assert outcomes == ["ok"] + ["wrong_state"] * 5
    case.refresh_from_db()
    assert case.state in (State.CONFIRMED, State.REFUSED)
    decisions = CaseEvent.objects.filter(case=case, action__in=["confirm", "refuse"])
    assert decisions.count() == 1
