"""Concurrent filing and escalation on PostgreSQL, with real threads."""

from __future__ import annotations

import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from communities.models import Role
from governance.disclosures.services import base, objections
from governance.models import Objection
from notifications.models import Notification
from tests.e2e.conftest import wagtail_roots  # noqa: F401 - recreated after each flush
from tests.factories import RoleGrantFactory
from tests.support.actors import give_totp
from tests.support.governance_disclosures import add_disclosure

pytestmark = [
    pytest.mark.usefixtures("restore_migrated_data"),
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite serialises every write, so it cannot show a race; "
        "this runs on PostgreSQL (DATABASE_URL=postgres://...).",
    ),
    pytest.mark.django_db(transaction=True),
]
THREADS = 8


def run_in_threads(work, arguments):
    barrier = threading.Barrier(len(arguments))
    results, errors = [], []

    def worker(argument):
        try:
            barrier.wait()
            results.append(work(argument))
        except Exception as error:  # noqa: BLE001 - collected for the assertion
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(a,)) for a in arguments]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors


def test_concurrent_filings_never_pass_the_daily_limit(community, resident):
    page = add_disclosure(community)
    results, errors = run_in_threads(
        lambda n: objections.file_objection(
            actor=resident, page=page, text=f"并发提交的问题{n}"
        ),
        list(range(THREADS)),
    )
    assert len(results) == base.OBJECTIONS_PER_DAY
    assert all(isinstance(e, ValidationError) for e in errors)
    numbers = set(Objection.objects.values_list("tracking_number", flat=True))
    assert len(numbers) == base.OBJECTIONS_PER_DAY


def test_concurrent_escalation_runs_tell_the_street_once(community, resident):
    officer = give_totp(
        RoleGrantFactory(
            role=Role.STREET_OFFICER, region=community.street, community=None
        ).user
    )
    page = add_disclosure(community)
    objection = objections.file_objection(
        actor=resident, page=page, text="请问何时答复"
    )
    later = objection.answer_due_on + datetime.timedelta(days=1)
    _results, errors = run_in_threads(
        lambda _n: objections.escalate_objections(later), list(range(THREADS))
    )
    assert errors == []
    assert (
        Notification.objects.filter(
            recipient=officer, kind="governance.objection_escalated"
        ).count()
        == 1
    )
