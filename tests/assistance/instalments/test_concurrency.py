"""Two coordinators releasing the same instalment at once: the row lock lets
exactly one release through."""

from __future__ import annotations

import contextlib
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection

from assistance.cases.models import CaseEvent
from assistance.instalments import services
from assistance.instalments.models import Instalment, InstalmentState
from communities.models import Role
from tests.e2e.conftest import wagtail_roots  # noqa: F401
from tests.support.actors import grant_role

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("restore_migrated_data", "wagtail_roots"),
    pytest.mark.postgres,
    pytest.mark.skipif(
        not settings.IS_POSTGRES,
        reason="needs PostgreSQL: row locks under real parallel connections",
    ),
]


def test_two_coordinators_releasing_one_instalment_release_it_once(
    scheduled, coordinator, community
):
    first = scheduled[0]
    second_coordinator = grant_role(Role.AID_COORDINATOR, community=community)
    people = [coordinator, second_coordinator]
    barrier = threading.Barrier(len(people))
    outcomes = []

    def attempt(n):
        try:
            with contextlib.suppress(threading.BrokenBarrierError):
                barrier.wait(timeout=30)
            services.release(
                instalment=Instalment.objects.get(pk=first.pk),
                actor=people[n],
                condition_checked=True,
                check_note="电话核实",
            )
            outcomes.append("ok")
        except ValidationError as error:
            outcomes.append(error.code)
        except Exception as error:  # noqa: BLE001 - reported by the assertion
            outcomes.append(repr(error))
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=len(people)) as pool:
        list(pool.map(attempt, range(len(people))))
    assert sorted(outcomes) == ["not_scheduled", "ok"]
    first.refresh_from_db()
    assert first.state == InstalmentState.RELEASED
    assert CaseEvent.objects.filter(action="release_instalment").count() == 1
