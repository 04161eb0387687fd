"""The anonymous page cache and its invalidation.

Public pages are the same for every visitor who is not signed in, so they are
cached whole, keyed by path, query, language and text size. Every change to
content that public pages show bumps one generation number, which retires every
cached page at once: simple, and correct across processes when the cache is Redis.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.cache import cache
from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

from accounts.preferences import LARGE_TEXT_COOKIE

GENERATION_KEY = "pagecache:generation"


def current_generation() -> int:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, 1, None)
        generation = cache.get(GENERATION_KEY) or 1
    return int(generation)


def bump_generation(**_kwargs) -> None:
    """Retire every cached public page (called from signal receivers)."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, None)


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
    return f"pagecache:{current_generation()}:{digest}"


def cache_public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve anonymous GETs from the cache; store successful, cookie-free responses."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not _cacheable(request):
            return view(request, *args, **kwargs)
        key = _key(request)
        cached = cache.get(key)
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
            cache.set(
                key,
                (response.content, response["Content-Type"]),
                settings.PAGE_CACHE_SECONDS,
            )
            response["X-Page-Cache"] = "miss"
        patch_vary_headers(response, ["Cookie"])
        return response

    return wrapper
