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
