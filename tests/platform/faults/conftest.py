"""Helpers for the fault tests: free ports, a Redis of the test's own, background
processes (worker, scheduler) started against the test database, and killing the
test's own PostgreSQL connections.

Never touches the machine's shared PostgreSQL or Redis servers: Redis faults use a
`redis-server` subprocess on a free port; database faults terminate only the
backends of this test's processes (`pg_terminate_backend`).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(condition, *, timeout: float = 60.0, every: float = 0.2, what=""):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(every)
    raise AssertionError(f"timed out after {timeout}s waiting for {what or condition}")


class RedisServer:
    """A throwaway redis-server on a free port, stopped and started by the test."""

    def __init__(self):
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

        def answers():
            try:
                with socket.create_connection(("127.0.0.1", self.port), 0.5) as s:
                    s.sendall(b"PING\r\n")
                    return s.recv(16).startswith(b"+PONG")
            except OSError:
                return False

        wait_for(answers, timeout=20, what="redis-server to answer")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=20)
            self.process = None


def use_redis(settings, server: RedisServer, prefix: str, **cache_options) -> None:
    """Point the cache (fail-soft, as with `REDIS_URL`), the channel layer and the
    sessions at the test's own Redis, as config/settings/base.py does with Redis."""
    from config import failsoft

    failsoft.reset_breakers()
    key_prefix = f"{prefix}-{server.port}"
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "config.failsoft.FailSoftRedisCache",
            "LOCATION": server.url,
            "KEY_PREFIX": key_prefix,
            "OPTIONS": cache_options,
        },
    }
    settings.CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "config.failsoft.FailSoftRedisChannelLayer",
            "CONFIG": {
                "hosts": [{"address": server.url, "socket_connect_timeout": 1}],
                "prefix": key_prefix,
            },
        }
    }
    settings.SESSION_ENGINE = "config.sessions"


@pytest.fixture
def redis_server():
    if shutil.which("redis-server") is None:
        pytest.skip("needs the redis-server program (apt-get install redis-server)")
    server = RedisServer()
    server.start()
    yield server
    server.stop()


def database_env() -> dict[str, str]:
    """Environment for a child process that uses this test's database."""
    from django.db import connection

    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"PYTEST_XDIST_WORKER", "DJANGO_SETTINGS_MODULE"}
    }
    env["DJANGO_SETTINGS_MODULE"] = "tests.platform.faults.worker_settings"
    env["FAULTS_DB_NAME"] = str(connection.settings_dict["NAME"])
    env["PYTHONUNBUFFERED"] = "1"
    return env


class Background:
    """A manage.py command running beside the test (a worker or a scheduler)."""

    def __init__(self, *args: str, app_name: str, env: dict[str, str] | None = None):
        self.app_name = app_name
        full_env = {**database_env(), "PGAPPNAME": app_name, **(env or {})}
        self.log = open(ROOT / "var" / f"faults-{app_name}.log", "w")  # noqa: SIM115
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=full_env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def alive(self) -> bool:
        return self.process.poll() is None

    def kill(self) -> None:
        """SIGKILL: the process dies where it stands, like a lost machine."""
        if self.alive():
            self.process.kill()
        self.process.wait(timeout=20)

    def stop(self) -> int:
        if self.alive():
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=20)
        self.log.close()
        return self.process.returncode

    def output(self) -> str:
        self.log.flush()
        return (ROOT / "var" / f"faults-{self.app_name}.log").read_text()


@pytest.fixture
def background():
    started: list[Background] = []

    def start(*args: str, app_name: str, env: dict[str, str] | None = None):
        process = Background(*args, app_name=app_name, env=env)
        started.append(process)
        return process

    yield start
    for process in started:
        process.stop()


def terminate_backends(*, application_name: str | None = None, pid: int | None = None):
    """pg_terminate_backend on this test's own connections only; returns how many."""
    import psycopg
    from django.db import connection

    params = connection.settings_dict
    with psycopg.connect(
        dbname=params["NAME"],
        user=params["USER"] or None,
        password=params["PASSWORD"] or None,
        host=params["HOST"] or None,
        port=params["PORT"] or None,
        autocommit=True,
    ) as killer:
        if pid is not None:
            rows = killer.execute("SELECT pg_terminate_backend(%s)", [pid]).fetchall()
        else:
            rows = killer.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE application_name = %s AND datname = %s",
                [application_name, params["NAME"]],
            ).fetchall()
    return sum(1 for (done,) in rows if done)
