"""The harness side of the write scenarios (`bench/scenarios/writes.py`).

Sessions are made server-side, as signing in would make them: one session per
resident holding the user id, the backend and the session auth hash, saved by the
configured session engine (with Redis, the row and its copy in Redis). Each request
carries its own CSRF secret as the cookie and the masked token as the form field,
so CsrfViewMiddleware checks it like a browser's post.
"""

from __future__ import annotations

import asyncio
import time
from urllib.parse import urlencode

from bench.scenarios import WriteRequest

CONTENT_TYPE = "application/x-www-form-urlencoded"


def sessions_for(user_ids: list[int]) -> dict[int, str]:
    """A fresh signed-in session per user: {user id: session key}.

    Made by the configured session engine, as signing in makes them: with Redis
    (`config.sessions`) the row is written and the copy in Redis too, so a write
    is measured as it comes after signing in and opening the page, not as the
    first request of a session nobody has read since it was made."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        get_user_model,
    )

    backend = "django.contrib.auth.backends.ModelBackend"
    if backend not in settings.AUTHENTICATION_BACKENDS:
        raise RuntimeError(f"bench: sessions need {backend}")
    engine = import_module(settings.SESSION_ENGINE)
    keys: dict[int, str] = {}
    for user in get_user_model().objects.filter(pk__in=user_ids).only("pk", "password"):
        store = engine.SessionStore()
        store.update(
            {
                SESSION_KEY: str(user.pk),
                BACKEND_SESSION_KEY: backend,
                HASH_SESSION_KEY: user.get_session_auth_hash(),
            }
        )
        store.create()
        keys[user.pk] = store.session_key
    return keys


def csrf_pair() -> tuple[str, str]:
    """(the cookie's secret, the form field's masked token)."""
    from django.middleware.csrf import _get_new_csrf_string, _mask_cipher_secret

    secret = _get_new_csrf_string()
    return secret, _mask_cipher_secret(secret)


def cookie_header(session_key: str, csrf_secret: str) -> str:
    from django.conf import settings

    return (
        f"{settings.SESSION_COOKIE_NAME}={session_key}; "
        f"{settings.CSRF_COOKIE_NAME}={csrf_secret}"
    )


def form_body(request: WriteRequest, token: str) -> bytes:
    return urlencode(
        {**request.data, "csrfmiddlewaretoken": token}, doseq=True
    ).encode()


def raw_post(host: str, request: WriteRequest, session_key: str) -> bytes:
    """The bytes of one HTTP/1.1 POST (keep-alive)."""
    secret, token = csrf_pair()
    body = form_body(request, token)
    head = (
        f"POST {request.path} HTTP/1.1\r\nHost: {host}\r\nConnection: keep-alive\r\n"
        f"Cookie: {cookie_header(session_key, secret)}\r\n"
        f"Content-Type: {CONTENT_TYPE}\r\nContent-Length: {len(body)}\r\n\r\n"
    )
    return head.encode("latin-1") + body


_client = None


def post_with_client(request: WriteRequest, session_key: str):
    """Send one write through Django's test client with CSRF checks on (the probe
    before a run, and the tests)."""
    from django.conf import settings
    from django.test import Client

    global _client
    if _client is None:  # one handler: a Client loads the middleware when made
        _client = Client(enforce_csrf_checks=True)
    client = _client
    client.cookies.clear()
    secret, token = csrf_pair()
    client.cookies[settings.SESSION_COOKIE_NAME] = session_key
    client.cookies[settings.CSRF_COOKIE_NAME] = secret
    return client.post(
        request.path,
        form_body(request, token),
        content_type=CONTENT_TYPE,
        headers={"host": "127.0.0.1"},
    )


async def _post_client(
    host: str, port: int, queue: list[bytes], stop: float, latencies, counts
) -> None:
    reader = writer = None
    while queue and time.monotonic() < stop:
        raw = queue.pop()
        try:
            if writer is None:
                reader, writer = await asyncio.open_connection(host, port)
            started = time.perf_counter()
            writer.write(raw)
            await writer.drain()
            status = int((await reader.readline()).split()[1])
            length, close = 0, False
            while True:
                line = await reader.readline()
                if line in (b"\r\n", b""):
                    break
                name, _, value = line.decode("latin-1").partition(":")
                if name.lower() == "content-length":
                    length = int(value.strip())
                elif name.lower() == "connection" and value.strip().lower() == "close":
                    close = True
            await reader.readexactly(length)
            latencies.append(time.perf_counter() - started)
            counts["ok" if status < 400 else "http_errors"] += 1
            if status >= 500:
                counts["5xx"] += 1
            if close:
                writer.close()
                writer = None
        except (OSError, asyncio.IncompleteReadError, ValueError, IndexError):
            counts["http_errors"] += 1
            writer = None
    if writer is not None:
        writer.close()


def run_posts(
    host: str, port: int, requests: list[bytes], connections: int, duration: float
) -> dict:
    """Send the requests in order over `connections` keep-alive connections until
    they are all sent or `duration` is over. Returns rps, p95 and the counts."""
    queue = list(reversed(requests))
    latencies: list[float] = []
    counts = {"ok": 0, "http_errors": 0, "5xx": 0}

    async def main() -> float:
        started = time.monotonic()
        stop = started + duration
        await asyncio.gather(
            *(
                _post_client(host, port, queue, stop, latencies, counts)
                for _ in range(connections)
            )
        )
        return time.monotonic() - started

    elapsed = asyncio.run(main())
    latencies.sort()
    p95 = latencies[int(len(latencies) * 0.95) - 1] * 1000 if latencies else 0.0
    return {
        "rps": len(latencies) / elapsed if elapsed else 0.0,
        "p95_ms": p95,
        "sent": len(latencies),
        "left": len(queue),
        "elapsed_s": elapsed,
        **counts,
    }
