"""Redis backends that degrade instead of failing when Redis is unreachable.

Redis holds nothing that cannot be lost (docs/deploy.md): the cache and the channel
layer. With it down, pages must still be served from the database, only slower.

- `FailSoftRedisCache`: while Redis cannot be reached, every read is a miss, every
  write is skipped, `add` answers True (the lock or counter is "taken") and `incr`
  answers `delta` (a fresh counter), so Wagtail's site lookups, allauth's rate limits
  and the apps' counters keep working, failing open: rate limits are not enforced
  meanwhile. After a failure the cache is not tried again for `RETRY_AFTER` seconds
  (an OPTIONS entry, 5 by default), so a dead Redis costs one failed connection per
  process every few seconds, not one per call; then it is used again by itself.
  `cache.strict` has the same operations raising instead, for callers that must know
  (the page cache's generation, `/readyz`).
- `FailSoftRedisChannelLayer`: `group_send` (the push side, called by pages after a
  write) logs and drops the event instead of raising; open pages miss that live update
  and re-read on their next reconnect. Receiving still raises, so daphne's consumers
  and `/readyz` notice.
"""

from __future__ import annotations

import logging
import threading
import time

from channels_redis.core import RedisChannelLayer
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient

logger = logging.getLogger(__name__)

# Errors that mean "Redis is not there right now" (redis-py wraps socket errors in
# ConnectionError; TimeoutError covers a host that does not answer).
try:
    from redis.exceptions import ConnectionError as _RedisConnectionError
    from redis.exceptions import TimeoutError as _RedisTimeoutError

    UNAVAILABLE: tuple[type[BaseException], ...] = (
        _RedisConnectionError,
        _RedisTimeoutError,
        OSError,
    )
except ImportError:  # pragma: no cover - redis is installed with channels-redis
    UNAVAILABLE = (OSError,)


class CacheUnavailable(ConnectionError):
    """Raised by `cache.strict` while Redis is known to be down (not retried yet)."""


# Per process and per server: until when Redis counts as down. Module-level because
# Django makes a cache object per thread.
_down_until: dict[str, float] = {}
_lock = threading.Lock()


class _Breaker:
    def __init__(self, key: str, retry_after: float):
        self.key = key
        self.retry_after = retry_after

    def is_open(self) -> bool:
        return time.monotonic() < _down_until.get(self.key, 0.0)

    def failed(self, exc: BaseException) -> None:
        with _lock:
            was_down = self.key in _down_until
            _down_until[self.key] = time.monotonic() + self.retry_after
        if not was_down:
            logger.warning(
                "Redis cache unreachable (%s: %s); serving without cache, "
                "retrying every %gs",
                exc.__class__.__name__,
                exc,
                self.retry_after,
            )

    def succeeded(self) -> None:
        if self.key in _down_until:
            with _lock:
                came_back = _down_until.pop(self.key, None) is not None
            if came_back:
                logger.warning("Redis cache reachable again; caching resumed")


def reset_breakers() -> None:
    """Forget every recorded failure (tests)."""
    with _lock:
        _down_until.clear()


class _Strict:
    """The cache's own operations, raising when Redis is down (see module doc)."""

    def __init__(self, owner: FailSoftRedisCache):
        self._owner = owner

    def __getattr__(self, name):
        method = getattr(RedisCache, name)
        owner = self._owner

        def call(*args, **kwargs):
            if owner._breaker.is_open():
                raise CacheUnavailable("Redis was unreachable moments ago")
            try:
                result = method(owner, *args, **kwargs)
            except UNAVAILABLE as exc:
                owner._breaker.failed(exc)
                raise
            owner._breaker.succeeded()
            return result

        return call


# Django's `incr` asks EXISTS, then INCRBY: two round trips. This does both in one.
_INCR_EXISTING = """
if redis.call('EXISTS', KEYS[1]) == 1 then
  return redis.call('INCRBY', KEYS[1], ARGV[1])
end
return false
"""


class _ReusedClient(RedisCacheClient):
    """Django's Redis cache client, keeping one `redis.Redis` object per connection
    pool instead of making one for every call, and incrementing in one round trip.

    redis-py fills a table of about a hundred response callbacks in each new
    object: 70 µs of CPU a call, and a sign-up made six such calls (its session,
    the page cache's generation bumps; docs/benchmarks.md). Django keeps a cache
    object, hence this client, per thread, so the objects are not shared across
    threads."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients: dict[object, tuple[object, object]] = {}  # per pool

    def _client_and_script(self, write: bool) -> tuple[object, object]:
        pool = self._get_connection_pool(write)
        found = self._clients.get(pool)
        if found is None:
            client = self._client(connection_pool=pool)
            found = (client, client.register_script(_INCR_EXISTING))
            self._clients[pool] = found
        return found

    def get_client(self, key=None, *, write=False):
        return self._client_and_script(write)[0]

    def incr(self, key, delta):
        _client, incr_existing = self._client_and_script(True)
        value = incr_existing(keys=[key], args=[delta])
        if value is None:
            raise ValueError(f"Key '{key}' not found.")
        return value


class FailSoftRedisCache(RedisCache):
    def __init__(self, server, params):
        options = dict(params.get("OPTIONS") or {})
        retry_after = float(options.pop("RETRY_AFTER", 5))
        super().__init__(server, {**params, "OPTIONS": options})
        self._class = _ReusedClient
        self._breaker = _Breaker(repr(self._servers), retry_after)

    @property
    def strict(self) -> _Strict:
        return _Strict(self)

    def _soft(self, name: str, fallback, *args, **kwargs):
        try:
            return getattr(self.strict, name)(*args, **kwargs)
        except CacheUnavailable:
            return fallback
        except UNAVAILABLE:
            return fallback

    def get(self, key, default=None, version=None):
        return self._soft("get", default, key, default, version=version)

    def get_many(self, keys, version=None):
        return self._soft("get_many", {}, keys, version=version)

    def has_key(self, key, version=None):
        return self._soft("has_key", False, key, version=version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._soft("add", True, key, value, timeout, version=version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._soft("set", None, key, value, timeout, version=version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._soft("set_many", list(data), data, timeout, version=version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._soft("touch", False, key, timeout, version=version)

    def delete(self, key, version=None):
        return self._soft("delete", False, key, version=version)

    def delete_many(self, keys, version=None):
        return self._soft("delete_many", None, keys, version=version)

    def clear(self):
        return self._soft("clear", False)

    def incr(self, key, delta=1, version=None):
        return self._soft("incr", delta, key, delta, version=version)


class FailSoftRedisChannelLayer(RedisChannelLayer):
    async def group_send(self, group, message):
        try:
            await super().group_send(group, message)
        except UNAVAILABLE as exc:
            logger.warning(
                "Channel layer unreachable, live update to %s dropped (%s: %s)",
                group,
                exc.__class__.__name__,
                exc,
            )
