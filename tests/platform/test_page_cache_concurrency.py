"""The anonymous page cache matches the rows after concurrent writes.

Readers fetch a public page without signing in while volunteers sign up for its shift
in other connections. After the last write has committed, the page a visitor gets must
show the places the database says are left: a page rendered from rows read before a
write committed must never be served afterwards.
"""

from __future__ import annotations

import re
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.urls import reverse

from tests.volunteers.factories import ShiftFactory, active_volunteer
from volunteers.models import SignUp
from volunteers.shifts import services

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("restore_migrated_data"),
    pytest.mark.postgres,
    pytest.mark.skipif(
        not settings.IS_POSTGRES,
        reason="needs PostgreSQL: SQLite serialises every write, so no reader can "
        "see a write before it commits",
    ),
]


def _places_left(html: str, shift_pk: int) -> int:
    match = re.search(rf'data-places-left="{shift_pk}"[^>]*>\s*(\d+)', html)
    assert match, "the page shows the shift's places left"
    return int(match.group(1))


def test_the_cached_page_shows_the_committed_places_after_concurrent_sign_ups():
    shift = ShiftFactory(capacity=40)
    activity = shift.activity
    url = reverse("volunteers:activity", args=[activity.community.slug, activity.pk])
    people = [active_volunteer(activity.community) for _ in range(24)]
    stop = threading.Event()
    reads: list[int] = []

    def read() -> None:
        client = Client()
        try:
            while not stop.is_set():
                response = client.get(url)
                assert response.status_code == 200
                reads.append(_places_left(response.content.decode(), shift.pk))
        finally:
            connection.close()

    def sign_up(person) -> None:
        try:
            services.sign_up(volunteer=person, shift=shift)
        finally:
            connection.close()

    readers = [threading.Thread(target=read) for _ in range(3)]
    for thread in readers:
        thread.start()
    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(sign_up, people))
    stop.set()
    for thread in readers:
        thread.join(30)

    confirmed = SignUp.objects.filter(shift=shift, status="confirmed").count()
    assert confirmed == 24
    assert reads, "the readers fetched the page while the writes ran"
    for _ in range(3):  # whichever cached copy a visitor gets now
        page = Client().get(url)
        assert _places_left(page.content.decode(), shift.pk) == 40 - confirmed
