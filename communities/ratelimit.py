"""A per-address counter for public look-ups (a foundation helper): the volunteer
certificate verification, the assistance status query."""

from __future__ import annotations

from django.core.cache import cache
from django.http import HttpRequest


def over_limit(request: HttpRequest, *, scope: str, limit: int, window: int) -> bool:
    """Count one look-up from this address; True once it made more than `limit`
    in `window` seconds."""
    key = f"{scope}:" + request.META.get("REMOTE_ADDR", "")
    cache.add(key, 0, window)
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, window)
        count = 1
    return count > limit
