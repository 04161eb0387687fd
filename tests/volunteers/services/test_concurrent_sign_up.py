"""Capacity under real concurrency: threads, each with its own database connection."""

import contextlib
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.conf import settings
from django.db import connection

from tests.factories import MembershipFactory
from tests.volunteers.factories import ShiftFactory, VolunteerProfileFactory
from volunteers.models import SignUp
from volunteers.shifts import services

# Committed rows for real threads; the module puts back what migrations created
# afterwards (a serialized rollback clashes with content types other flushes recreated).
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("restore_migrated_data"),
]


def _people(community, count):
    people = []
    for _ in range(count):
        user = MembershipFactory(
            community=community, household__community=community
        ).user
        VolunteerProfileFactory(user=user)
        people.append(user)
    return people


def _race(shift, people, workers):
    """Every person signs up at once; returns the errors the threads met."""
    barrier = threading.Barrier(min(workers, len(people)))
    errors = []

    def attempt(person):
        try:
            with contextlib.suppress(threading.BrokenBarrierError):
                barrier.wait(timeout=30)
            services.sign_up(volunteer=person, shift=shift)
        except Exception as error:  # noqa: BLE001 - any error fails the test below
            errors.append(error)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=workers) as pool:
        list(pool.map(attempt, people))
    return errors


def _fill(shift, count):
    for person in _people(shift.activity.community, count):
        services.sign_up(volunteer=person, shift=shift)


@pytest.mark.postgres
@pytest.mark.skipif(
    not settings.IS_POSTGRES,
    reason="needs PostgreSQL: row locks under real parallel connections",
)
def test_200_concurrent_sign_ups_for_the_last_5_places_give_5_places_and_195_waiting():
    shift = ShiftFactory(capacity=10)
    _fill(shift, 5)
    people = _people(shift.activity.community, 200)
    # 50 connections at a time stays under PostgreSQL's default 100.
    errors = _race(shift, people, workers=50)
    assert errors == []
    racers = SignUp.objects.filter(shift=shift, volunteer__in=people)
    assert racers.filter(status="confirmed").count() == 5
    assert racers.filter(status="waiting").count() == 195
    assert SignUp.objects.filter(shift=shift, status="confirmed").count() == 10


def test_concurrent_sign_ups_for_the_last_3_places_never_exceed_capacity():
    shift = ShiftFactory(capacity=5)
    _fill(shift, 2)
    people = _people(shift.activity.community, 16)
    errors = _race(shift, people, workers=8)
    assert errors == []
    assert SignUp.objects.filter(shift=shift, status="confirmed").count() == 5
    assert SignUp.objects.filter(shift=shift, status="waiting").count() == 13


def test_one_person_signing_up_for_overlapping_shifts_at_once_gets_one_of_them():
    """The person's profile is locked with the shift: their sign-ups for shifts at
    the same time, sent together, each lock a different shift, and only the
    profile's lock makes the second one see the first (without it, all of them
    pass the clash check before any commits)."""
    from django.core.exceptions import ValidationError

    first = ShiftFactory(capacity=5)
    same_time = {"starts_at": first.starts_at, "ends_at": first.ends_at}
    shifts = [
        first,
        *ShiftFactory.create_batch(5, activity=first.activity, **same_time),
    ]
    for _ in range(3):
        (person,) = _people(first.activity.community, 1)
        barrier = threading.Barrier(len(shifts))
        refused, failed = [], []

        def attempt(
            shift, person=person, barrier=barrier, refused=refused, failed=failed
        ):
            try:
                with contextlib.suppress(threading.BrokenBarrierError):
                    barrier.wait(timeout=30)
                services.sign_up(volunteer=person, shift=shift)
            except ValidationError as error:
                refused.append(error)
            except Exception as error:  # noqa: BLE001 - any other error fails below
                failed.append(error)
            finally:
                connection.close()

        with ThreadPoolExecutor(max_workers=len(shifts)) as pool:
            list(pool.map(attempt, shifts))
        assert failed == []
        assert SignUp.objects.filter(volunteer=person).count() == 1
        assert len(refused) == len(shifts) - 1
