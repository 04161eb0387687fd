"""Test settings: fast hasher, locmem cache, immediate tasks, no SSL redirect."""

import os
from urllib.parse import urlsplit, urlunsplit

from .base import *  # noqa: F403
from .base import CACHES, CHANNEL_LAYERS, DATABASES, IS_POSTGRES, VAR_DIR

DEBUG = False
SECRET_KEY = "test-secret-key-not-for-production-0123456789abcdefghijkl"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
WAGTAILADMIN_BASE_URL = "http://testserver"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
# Live meeting pushes are not coalesced in tests (each change pushed at once, in the
# request, as before): no timer thread may outlive a test and hold a connection to
# a test database being flushed or dropped. tests/consultation/live/test_coalescing.py
# sets a window and waits for its trailing pushes.
LIVE_PUSH_WINDOW_MS = 0
SECURE_SSL_REDIRECT = False
ACCOUNT_RATE_LIMITS = False
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"
# No worker or scheduler runs beside the tests (tasks run immediately);
# tests/platform/faults switches the check on.
READYZ_PROCESSES = []
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "private": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

if IS_POSTGRES:
    # Tests need no durability: commits (database creation, transactional tests,
    # the browser journeys' server) do not wait for the disk.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        "-c synchronous_commit=off"
    )
# Live-server tests over websockets run daphne in another process, which cannot
# see an in-memory SQLite database: give the test database a file.
if not IS_POSTGRES:
    worker = os.environ.get("GONGZHI_TEST_DB") or os.environ.get(
        "PYTEST_XDIST_WORKER", "main"
    )
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-{worker}.sqlite3")}

# Parallel test processes (pytest-xdist) share one Redis server: give each its own
# Redis database (so a test's cache.clear(), a FLUSHDB, cannot wipe another process's
# rate-limit counters mid-test), keys and channel names. (Each also gets its own SQL
# database: pytest-django suffixes the name with the worker.)
XDIST_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")


def _worker_redis(url: str, worker: str) -> str:
    parts = urlsplit(url)
    base = int(parts.path.strip("/") or 0)
    number = int(worker.removeprefix("gw") or 0)
    return urlunsplit(parts._replace(path=f"/{(base + 1 + number) % 16}"))


if XDIST_WORKER and CACHES["default"].get("LOCATION", "").startswith("redis"):
    CACHES["default"]["LOCATION"] = _worker_redis(
        CACHES["default"]["LOCATION"], XDIST_WORKER
    )
    for host in CHANNEL_LAYERS["default"]["CONFIG"]["hosts"]:
        host["address"] = _worker_redis(host["address"], XDIST_WORKER)
if XDIST_WORKER:
    if "KEY_PREFIX" in CACHES["default"]:
        CACHES["default"]["KEY_PREFIX"] += f":{XDIST_WORKER}"
    if "prefix" in CHANNEL_LAYERS["default"].get("CONFIG", {}):
        CHANNEL_LAYERS["default"]["CONFIG"]["prefix"] += f":{XDIST_WORKER}"

# A second alias on the same test database (a test mirror), for the read-replica
# router's tests (tests/platform/test_replica.py). Nothing routes to it unless a
# test installs config.replica.ReplicaRouter.
DATABASES["replica"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}
