"""Sessions with Redis (config/sessions.py): read from Redis, kept in the database.

A signed-in request makes no session query; signing out, or erasing the account,
removes the copy in Redis as well as the row; the copy lives at most five minutes,
so one that a sign-out during a Redis outage could not delete does not outlive it
for long; and the database row is what counts when Redis has lost the copy.
"""

from __future__ import annotations

import pytest
import redis as redis_py
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts import services as account_services
from config import failsoft, sessions
from tests.factories import UserFactory
from tests.platform.faults.conftest import use_redis

pytestmark = pytest.mark.django_db

PREFIX = "django.contrib.sessions.cached_db"


@pytest.fixture
def redis_sessions(redis_server, settings):
    use_redis(settings, redis_server, "sessions")
    yield redis_py.Redis.from_url(redis_server.url)
    failsoft.reset_breakers()


def _copy_key(raw, session_key):
    """The Redis key of a session's copy (Django's cache key: prefix:version:key)."""
    keys = raw.keys(f"*{PREFIX}{session_key}")
    return keys[0] if keys else None


def test_the_site_reads_sessions_through_redis_exactly_when_it_has_redis(settings):
    """config/settings/base.py's choice (the CI runs the suite with and without)."""
    engine = settings.SESSION_ENGINE
    if settings.REDIS_URL:
        assert engine == "config.sessions"
    else:
        assert engine == "django.contrib.sessions.backends.db"


def test_a_signed_in_request_reads_its_session_from_redis(redis_sessions, client):
    user = UserFactory()
    client.force_login(user)
    key = client.session.session_key
    assert Session.objects.filter(session_key=key).exists()  # the record

    with CaptureQueriesContext(connection) as queries:
        assert client.get("/my/communities/").status_code == 200
    assert not [q for q in queries if "django_session" in q["sql"]]

    copy = _copy_key(redis_sessions, key)
    assert copy is not None
    assert 0 < redis_sessions.ttl(copy) <= sessions.CACHE_SECONDS


def test_signing_out_removes_the_copy_and_the_row(redis_sessions, client):
    client.force_login(UserFactory())
    key = client.session.session_key
    client.get("/my/communities/")

    client.post("/accounts/logout/")

    assert _copy_key(redis_sessions, key) is None
    assert not Session.objects.filter(session_key=key).exists()
    client.cookies["sessionid"] = key  # the old cookie, replayed
    assert client.get("/my/communities/").status_code == 302  # to the sign-in page


def test_erasing_an_account_removes_its_sessions_copies(redis_sessions, client):
    user = UserFactory()
    client.force_login(user)
    key = client.session.session_key
    client.get("/my/communities/")
    assert _copy_key(redis_sessions, key) is not None

    account_services._delete_sessions(user=user)

    assert _copy_key(redis_sessions, key) is None
    assert not Session.objects.filter(session_key=key).exists()


def test_a_session_whose_copy_redis_lost_is_read_from_the_database(
    redis_sessions, client
):
    user = UserFactory()
    client.force_login(user)
    redis_sessions.flushdb()  # a Redis restart without persistence

    response = client.get("/my/communities/")

    assert response.status_code == 200
    assert response.wsgi_request.user == user
    assert _copy_key(redis_sessions, client.session.session_key) is not None


def test_the_benchs_sessions_are_made_as_signing_in_makes_them(redis_sessions, client):
    """`make bench` gives each writer a session through the engine: the row and the
    copy in Redis, so its first write reads no session from the database."""
    from bench.writes import sessions_for

    user = UserFactory()
    key = sessions_for([user.pk])[user.pk]
    assert Session.objects.filter(session_key=key).exists()
    assert _copy_key(redis_sessions, key) is not None

    client.cookies["sessionid"] = key
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/my/communities/").status_code == 200
    assert not [q for q in queries if "django_session" in q["sql"]]
