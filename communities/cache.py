"""The anonymous page cache and its invalidation.

Public pages are the same for every visitor who is not signed in, so they are
cached whole, keyed by path, query, language and text size. Every change to
content that public pages show bumps one generation number, which retires every
cached page at once: simple, and correct across processes when the cache is Redis.

When the cache cannot be reached (Redis down), pages are served uncached from the
database. A generation bump that failed is remembered in the process and retried
before this process serves or stores a cached page again, so a change made while
Redis was unreachable cannot leave an older cached page in use afterwards.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import threading
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

from accounts.preferences import LARGE_TEXT_COOKIE

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"

# A bump that could not reach the cache, to be retried (see the module doc).
_bump_pending = threading.Event()


def _strict_cache():
    """The cache, raising when it is unreachable (FailSoftRedisCache.strict)."""
    return getattr(cache, "strict", cache)


def current_generation() -> int:
    """The current generation, for keys of other cached fragments.

    0 (never a real generation) while the cache cannot be reached, so such keys
    cannot match anything cached before or after the outage.
    """
    try:
        return _generation()
    except Exception:  # noqa: BLE001 - cache down
        return 0


def _generation() -> int:
    """The current generation; raises if the cache cannot be reached."""
    strict = _strict_cache()
    generation = strict.get(GENERATION_KEY)
    if generation is None:
        strict.add(GENERATION_KEY, 1, None)
        generation = strict.get(GENERATION_KEY) or 1
    return int(generation)


def _bump() -> None:
    strict = _strict_cache()
    try:
        strict.incr(GENERATION_KEY)
    except ValueError:
        strict.set(GENERATION_KEY, 2, None)


def bump_generation(**_kwargs) -> None:
    """Retire every cached public page (called from signal receivers).

    Inside a transaction it bumps now and again once the transaction commits: a
    visitor's request that starts between the two reads the rows as they were and
    caches the page under the first new generation, which the second bump retires
    (a request keys its page by the generation it saw when it started).

    Never raises: a change must not fail because the cache is down. The bump is
    then retried before this process uses the page cache again.
    """
    _bump_now()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(_bump_now)


def _bump_now() -> None:
    try:
        _bump()
    except Exception as exc:  # noqa: BLE001 - any cache failure
        _bump_pending.set()
        logger.warning("Page cache generation bump deferred: %s", exc)
    else:
        _bump_pending.clear()


def _cache_usable() -> bool:
    """Retry a deferred bump first; False while the cache cannot be used."""
    if _bump_pending.is_set():
        try:
            _bump()
        except Exception:  # noqa: BLE001 - still down
            return False
        _bump_pending.clear()
    return True


def invalidate_on_change(
    *models: type[Model], m2m: Iterable[type[Model]] = (), uid: str
) -> None:
    """Retire cached public pages whenever a row of these models is saved or deleted.

    `m2m` takes the `through` models of many-to-many fields whose changes public
    pages show. `uid` names the caller (its app) so receivers connect once.
    Called from each app's `registration.connect()`.
    """
    for model in models:
        name = f"{model._meta.app_label}.{model.__name__}"
        post_save.connect(
            bump_generation, sender=model, dispatch_uid=f"gz_cache_save:{uid}:{name}"
        )
        post_delete.connect(
            bump_generation, sender=model, dispatch_uid=f"gz_cache_delete:{uid}:{name}"
        )
    for through in m2m:
        m2m_changed.connect(
            bump_generation,
            sender=through,
            dispatch_uid=f"gz_cache_m2m:{uid}:{through._meta.label}",
        )


def _cacheable(request: HttpRequest) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    # A page carrying a one-off message must not be shown to the next visitor.
    messages = getattr(request, "_messages", None)
    return not (messages is not None and len(messages))


def _key(request: HttpRequest) -> str:
    large = request.COOKIES.get(LARGE_TEXT_COOKIE) == "1"
    raw = "|".join(
        [
            request.get_host(),
            request.get_full_path(),
            get_language() or "",
            "L" if large else "n",
        ]
    )
    digest = hashlib.sha256(raw.encode()).hexdigest()
    return f"pagecache:{_generation()}:{digest}"


def cache_public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve anonymous GETs from the cache; store successful, cookie-free responses."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not _cacheable(request) or not _cache_usable():
            return view(request, *args, **kwargs)
        try:
            key = _key(request)
            cached = _strict_cache().get(key)
        except Exception as exc:  # noqa: BLE001 - cache down: serve uncached
            logger.debug("Page cache unavailable: %s", exc)
            return view(request, *args, **kwargs)
        if cached is not None:
            content, content_type = cached
            response = HttpResponse(content, content_type=content_type)
            response["X-Page-Cache"] = "hit"
            patch_vary_headers(response, ["Cookie"])
            return response
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        if (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not getattr(request, "_csp_nonce", None)
            and "private" not in response.get("Cache-Control", "")
        ):
            try:
                _strict_cache().set(
                    key,
                    (response.content, response["Content-Type"]),
                    settings.PAGE_CACHE_SECONDS,
                )
            except Exception as exc:  # noqa: BLE001 - cache down: not stored
                logger.debug("Page cache unavailable: %s", exc)
            else:
                response["X-Page-Cache"] = "miss"
        patch_vary_headers(response, ["Cookie"])
        return response

    return wrapper
