"""Steps under real concurrency: a step is taken once, whoever clicks at the same time."""

from __future__ import annotations

import contextlib
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection

from governance.charters.models import AdoptionVote, CharterTransition
from governance.charters.services import lifecycle, votes
from tests.e2e.conftest import wagtail_roots  # noqa: F401
from tests.governance.charters.conftest import PASSING_VOTE, S

pytestmark = [
    pytest.mark.django_db(transaction=True),
    # Wagtail's root page and locale, which another test's flush may have removed.
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

    def attempt(_n):
        try:
            with contextlib.suppress(threading.BrokenBarrierError):
                barrier.wait(timeout=30)
            action()
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


def test_eight_simultaneous_adoption_votes_adopt_once(start, advance, committee_member):
    version = advance(start(), S.REVIEW_PASSED)
    outcomes = _race(
        8,
        lambda: votes.record_adoption_vote(
            version, actor=committee_member, **PASSING_VOTE
        ),
    )
    assert outcomes == ["ok"] + ["wrong_state"] * 7
    assert AdoptionVote.objects.filter(version=version).count() == 1
    assert (
        CharterTransition.objects.filter(version=version, action="adopt").count() == 1
    )


def test_pass_and_return_at_once_leave_one_decision(start, advance, street_officer):
    version = advance(start(), S.SUBMITTED)
    calls = iter(range(6))

    def decide():
        if next(calls) % 2:
            lifecycle.pass_review(actor=street_officer, version=version)
        else:
            lifecycle.return_for_revision(
                actor=street_officer, version=version, reason="改"
            )

    outcomes = _race(6, decide)
    assert outcomes == ["ok"] + ["wrong_state"] * 5
    decided = CharterTransition.objects.filter(
        version=version, action__in=["pass_review", "return"]
    )
    assert decided.count() == 1
