"""Live pushes from sync code (a gunicorn worker's view, a task) to channel groups.

`async_to_sync(layer.group_send)` starts an event loop for every call, and
channels_redis keeps its Redis connections per event loop, so each push also opened
a fresh connection: 2.4 ms a push on the 2-core bench machine, paid inside the
request of every sign-up and ballot. With a Redis channel layer, `group_send` here
runs the send on one long-lived event loop per process (a daemon thread), whose
connections are kept: 0.8 ms a push, measured the same way (docs/benchmarks.md).

It still waits for the send (at most `TIMEOUT` seconds), so a push has left when the
write's response is sent, as before. The in-memory layer (SQLite, no Redis) keeps
`async_to_sync`: its queues belong to the event loop of the consumers it serves.
A push never raises: a live update lost is re-read by the page on its next event or
reconnect, and the write that caused it has already succeeded.
"""

from __future__ import annotations

import asyncio
import logging
import os
import threading
from collections.abc import Awaitable, Callable
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import InMemoryChannelLayer, get_channel_layer

logger = logging.getLogger(__name__)

TIMEOUT = 5.0

_lock = threading.Lock()
_loop: asyncio.AbstractEventLoop | None = None


def _reset() -> None:
    """A forked worker has none of its parent's threads: start its own loop."""
    global _loop, _lock
    _loop = None
    _lock = threading.Lock()


os.register_at_fork(after_in_child=_reset)


def _background_loop() -> asyncio.AbstractEventLoop:
    global _loop
    with _lock:
        if _loop is None or _loop.is_closed():
            loop = asyncio.new_event_loop()
            threading.Thread(
                target=loop.run_forever, name="gongzhi-pushes", daemon=True
            ).start()
            _loop = loop
        return _loop


def run(
    send: Callable[[], Awaitable[Any]],
    layer: Any,
    consumers_loop: asyncio.AbstractEventLoop | None = None,
) -> None:
    """Run the coroutine `send()` (group sends on `layer`) to completion from sync
    code; from async code, schedule it on the running loop instead.

    `consumers_loop`: the event loop of the code that asked for the send (daphne's,
    for a push scheduled from a request it served), used while it runs: the
    in-memory layer's queues belong to that loop's consumers."""
    try:
        running = asyncio.get_running_loop()
    except RuntimeError:
        running = None
    if running is not None:
        running.create_task(send())
    elif consumers_loop is not None and consumers_loop.is_running():
        future = asyncio.run_coroutine_threadsafe(send(), consumers_loop)
        future.result(timeout=TIMEOUT)
    elif isinstance(layer, InMemoryChannelLayer):
        async_to_sync(send)()
    else:
        future = asyncio.run_coroutine_threadsafe(send(), _background_loop())
        future.result(timeout=TIMEOUT)


def group_send(group: str, message: dict[str, Any]) -> None:
    """Send `message` to every consumer of `group`; logs instead of raising."""
    layer = get_channel_layer()
    if layer is None:
        return

    async def send() -> None:
        await layer.group_send(group, message)

    try:
        run(send, layer)
    except Exception:  # noqa: BLE001 - a push must never break the write
        logger.warning("Live push to %s failed", group, exc_info=True)
