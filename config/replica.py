"""Reads of public pages and dashboards from a PostgreSQL read replica.

Opt-in: with `DATABASE_REPLICA_URL` set, settings add a `replica` database alias,
`ReplicaRouter` and `ReplicaMiddleware`. Without it nothing changes.

What goes to the replica: the reads of a GET or HEAD request that is either
anonymous (the public pages) or served by a view marked `replica_reads = True`
(the officers' street/district pages and community dashboards: figures a second
old are fine there). Everything else reads and writes on the primary: every
POST, every signed-in page not marked, the task worker and the scheduler
(no request), management commands.

Reads after writes stay consistent:

- within a request, the first write (any `db_for_write`) switches the rest of the
  request's reads to the primary;
- across requests, a request that wrote sets a short-lived cookie
  (`REPLICA_PIN_SECONDS`, default 10 s, longer than the replica's usual lag) and
  the same browser's next requests read from the primary while it lasts, so a
  resident who posts and is redirected sees what they posted.

The routing decision lives in a context variable, so it is per request in
threads (gunicorn) and per task in asyncio (daphne).
"""

from __future__ import annotations

import contextvars
from typing import Any

from django.conf import settings

REPLICA = "replica"
PIN_COOKIE = "gz_primary"

_use_replica: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "gz_use_replica", default=False
)
_wrote: contextvars.ContextVar[bool] = contextvars.ContextVar("gz_wrote", default=False)


class ReplicaRouter:
    """Reads to the replica while the request allows it; writes to the primary."""

    def db_for_read(self, model: Any, **hints: Any) -> str | None:
        return REPLICA if _use_replica.get() else "default"

    def db_for_write(self, model: Any, **hints: Any) -> str | None:
        if _use_replica.get():
            _use_replica.set(False)
        _wrote.set(True)
        return "default"

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool | None:
        # The replica holds the same rows as the primary.
        return True

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool | None:
        return db == "default"


def _eligible(request: Any, view_func: Any) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    if request.COOKIES.get(PIN_COOKIE):
        return False
    view_class = getattr(view_func, "view_class", None)
    if getattr(view_func, "replica_reads", False) or getattr(
        view_class, "replica_reads", False
    ):
        return True
    user = getattr(request, "user", None)
    return user is not None and not user.is_authenticated


class ReplicaMiddleware:
    """Decides per request whether reads may go to the replica (see module doc).

    Place it after AuthenticationMiddleware: it asks whether the visitor is
    signed in only once the view is known, in `process_view`.
    """

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: Any) -> Any:
        replica_token = _use_replica.set(False)
        wrote_token = _wrote.set(False)
        try:
            response = self.get_response(request)
            # Only after a POST (or other unsafe method): a GET's incidental write
            # must not put a cookie on a response the page cache may keep.
            if _wrote.get() and request.method not in ("GET", "HEAD"):
                response.set_cookie(
                    PIN_COOKIE,
                    "1",
                    max_age=getattr(settings, "REPLICA_PIN_SECONDS", 10),
                    httponly=True,
                    samesite="Lax",
                    secure=request.is_secure(),
                )
            return response
        finally:
            _use_replica.reset(replica_token)
            _wrote.reset(wrote_token)

    def process_view(self, request, view_func, view_args, view_kwargs):
        # Whatever ran before the view (sessions, the user) read the primary.
        if _eligible(request, view_func):
            _use_replica.set(True)
        return None


def replica_reads(view: Any) -> Any:
    """Mark a function view as fine to read from the replica on GET."""
    view.replica_reads = True
    return view
