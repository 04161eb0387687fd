"""Liveness and readiness probes for the proxy, the orchestrator and `make bench`."""

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache


@never_cache
def healthz(request):
    """The process is alive. Touches nothing else; also the benchmark's floor."""
    return HttpResponse("ok", content_type="text/plain")


def _check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _check_cache() -> None:
    cache.set("readyz:probe", "1", 10)
    if cache.get("readyz:probe") != "1":
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


CHECKS = {
    "database": _check_database,
    "cache": _check_cache,
    "channel_layer": _check_channel_layer,
}


@never_cache
def readyz(request):
    """Database, cache and channel layer reachable; 503 naming the failing part otherwise."""
    results: dict[str, str] = {}
    for name, check in CHECKS.items():
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
