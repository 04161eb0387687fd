"""Liveness and readiness probes for the proxy, the orchestrator and `make bench`."""

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from notifications.services import check_in_max_age, last_check_in


@never_cache
def healthz(request):
    """The process is alive. Touches nothing else; also the benchmark's floor."""
    return HttpResponse("ok", content_type="text/plain")


def _check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _check_cache() -> None:
    # The raising operations: the site's cache hides an unreachable Redis.
    strict = getattr(cache, "strict", cache)
    strict.set("readyz:probe", "1", 10)
    if strict.get("readyz:probe") != "1":
        raise RuntimeError("cache did not return the value just written")


def _check_channel_layer() -> None:
    layer = get_channel_layer()
    if layer is None:
        raise RuntimeError("no channel layer configured")

    async def roundtrip() -> None:
        channel = await layer.new_channel("readyz.")
        await layer.send(channel, {"type": "readyz.probe"})
        message = await layer.receive(channel)
        if message.get("type") != "readyz.probe":
            raise RuntimeError("channel layer returned a different message")

    async_to_sync(roundtrip)()


def _process_check(kind: str):
    """A check that a `kind` process (worker, scheduler) checked in recently."""

    def check() -> None:
        seen = last_check_in(kind)
        if seen is None:
            raise RuntimeError(f"no {kind} has checked in")
        age = timezone.now() - seen
        if age > check_in_max_age():
            raise RuntimeError(
                f"last {kind} check-in {int(age.total_seconds())}s ago "
                f"(allowed {settings.PROCESS_CHECK_IN_MAX_AGE}s)"
            )

    return check


CHECKS = {
    "database": _check_database,
    "cache": _check_cache,
    "channel_layer": _check_channel_layer,
}


def _checks() -> dict:
    """The fixed checks plus one per background process in READYZ_PROCESSES."""
    checks = dict(CHECKS)
    for kind in settings.READYZ_PROCESSES:
        checks.setdefault(kind, _process_check(kind))
    return checks


@never_cache
def readyz(request):
    """Database, cache, channel layer reachable and the background processes checking
    in (READYZ_PROCESSES); 503 naming the failing parts otherwise."""
    results: dict[str, str] = {}
    for name, check in _checks().items():
        try:
            check()
        except Exception as exc:  # noqa: BLE001 - any failure means "not ready"
            results[name] = f"failing: {exc.__class__.__name__}: {exc}"[:300]
        else:
            results[name] = "ok"
    ok = all(value == "ok" for value in results.values())
    failing = [name for name, value in results.items() if value != "ok"]
    return JsonResponse(
        {"status": "ok" if ok else "failing", "failing": failing, "checks": results},
        status=200 if ok else 503,
    )
