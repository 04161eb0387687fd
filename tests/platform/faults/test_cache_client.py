"""The Redis cache's client (config/failsoft.py): one `redis.Redis` object per
connection pool, reused for every call, and `incr` in one round trip, with
Django's meaning kept (a missing key raises ValueError). The reused object keeps
working across a Redis restart, and a restarted Redis has lost the script `incr`
runs, which is loaded again without an error reaching the caller.
"""

from __future__ import annotations

import pytest
import redis as redis_py
from django.core.cache import cache

from config import failsoft
from tests.platform.faults.conftest import use_redis

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_cache(redis_server, settings):
    use_redis(settings, redis_server, "client", socket_connect_timeout=1)
    yield redis_py.Redis.from_url(redis_server.url)
    failsoft.reset_breakers()


def test_one_client_object_serves_every_call(redis_cache):
    client = cache._cache.get_client()
    assert cache._cache.get_client(write=True) is client
    cache.set("a", 1)
    assert cache.get("a") == 1
    assert cache._cache.get_client() is client


def test_incr_counts_in_one_round_trip_and_refuses_a_missing_key(
    redis_cache, monkeypatch
):
    with pytest.raises(ValueError, match="not found"):
        cache.incr("missing")
    assert cache.get("missing") is None  # not created by the refusal

    cache.set("counter", 5)
    client = cache._cache.get_client(write=True)
    sent = []
    execute = client.execute_command

    def counted(*args, **options):
        sent.append(args[0])
        return execute(*args, **options)

    monkeypatch.setattr(client, "execute_command", counted)
    assert cache.incr("counter") == 6
    assert cache.incr("counter", 10) == 16
    assert sent == ["EVALSHA", "EVALSHA"]  # one command each, no EXISTS first
    assert cache.get("counter") == 16


def test_the_reused_client_works_after_redis_restarts(redis_server, redis_cache):
    cache.set("before", 1)
    cache.incr("before")
    redis_server.stop()
    assert cache.get("before") is None  # a miss while Redis is down, no error
    redis_server.start()
    failsoft.reset_breakers()  # do not wait out RETRY_AFTER

    cache.set("after", 1)
    assert cache.incr("after") == 2  # the script is loaded again (NOSCRIPT)
    assert cache.get("after") == 2
