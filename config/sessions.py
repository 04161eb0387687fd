"""Sessions read from Redis, kept in the database (`SESSION_ENGINE` with Redis).

Django's `cached_db` engine: every signed-in request read its session from the
database before (one query, about 1 ms on the bench machine); with this engine it
reads Redis, and the database stays the record (a save writes both, a miss reads the
database and refills Redis), so sessions survive a Redis restart and signing in works
while Redis is down (config/failsoft.py).

The copy in Redis lives at most `CACHE_SECONDS`, not the session's two weeks: a
sign-out while Redis cannot be reached deletes the database row but cannot delete the
copy, and a copy that outlived it would keep the signed-out session usable. Capped,
it is gone within five minutes; a password change or an account's erasure also ends
it at once, because the session's auth hash is checked against the person's row on
every request.
"""

from __future__ import annotations

from typing import Any

from django.contrib.sessions.backends import cached_db

CACHE_SECONDS = 300


class _CappedCache:
    """The session cache, with every write's timeout capped at `CACHE_SECONDS`."""

    def __init__(self, cache: Any):
        self._cache = cache

    def set(self, key: str, value: Any, timeout: int | None = None, **kwargs) -> Any:
        return self._cache.set(key, value, _capped(timeout), **kwargs)

    async def aset(self, key: str, value: Any, timeout: int | None = None, **kwargs):
        return await self._cache.aset(key, value, _capped(timeout), **kwargs)

    def __contains__(self, key: str) -> bool:
        return key in self._cache

    def __getattr__(self, name: str) -> Any:
        return getattr(self._cache, name)


def _capped(timeout: int | None) -> int:
    return CACHE_SECONDS if timeout is None else min(timeout, CACHE_SECONDS)


class SessionStore(cached_db.SessionStore):
    def __init__(self, session_key: str | None = None):
        super().__init__(session_key)
        self._cache = _CappedCache(self._cache)
