"""Benchmark scenarios. Each module defines `SCENARIOS`, a list of `Scenario`.

A scenario names a page and how to find its URL in the seeded data. Later issues
add their own modules (consultation.py, volunteers.py, ...); `bench/run.py` loads
every module in this package.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Scenario:
    name: str
    # Returns the path to load; runs inside Django, after the data is seeded.
    path: Callable[[], str]
    # Signed-in scenarios run with the session of a seeded resident ...
    signed_in: bool = False
    # ... or of the user this returns (runs inside Django, after the seeding):
    # the harness force-logs them in and uses their own session cookie.
    user: Callable[[], Any] | None = None


def all_scenarios() -> list[Scenario]:
    scenarios: list[Scenario] = []
    for module in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        loaded = importlib.import_module(f"{__name__}.{module.name}")
        scenarios.extend(getattr(loaded, "SCENARIOS", []))
    return scenarios


@dataclass(frozen=True)
class WriteRequest:
    """One POST: where, the form fields (the harness adds the CSRF token) and whose
    session sends it."""

    path: str
    data: dict[str, Any]
    user_id: int


@dataclass
class WritePlan:
    # Sent in order, each once, by the connections drawing from one queue.
    requests: list[WriteRequest]
    # Rows the writes made so far (run after the load: each request that was
    # answered 302 must have made one, else it was refused and counts as an error).
    created: Callable[[], int]
    # A rule checked after the run: (whether it holds, what was found).
    check: Callable[[], tuple[bool, str]] | None = None


@dataclass(frozen=True)
class WriteScenario:
    """A write: real POSTs with session and CSRF through the normal view.

    `plan(pool)` builds fresh data for one run (a new motion, shift, ...) and at most
    `pool` requests, each by a distinct signed-in person. A duration-bound scenario
    sends requests until the duration is over (or the pool runs out); a burst sends
    every request once, as fast as the connections allow (the sign-up rush).
    """

    name: str
    plan: Callable[[int], WritePlan]
    burst: bool = False
    target_p95_ms: float = 250.0


def all_write_scenarios() -> list[WriteScenario]:
    scenarios: list[WriteScenario] = []
    for module in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        loaded = importlib.import_module(f"{__name__}.{module.name}")
        scenarios.extend(getattr(loaded, "WRITE_SCENARIOS", []))
    return scenarios
