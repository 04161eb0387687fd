"""The demo-data registry: each app registers its own seeder from `ready()`.

`seed_demo` builds the regions, communities, residents and role accounts, then
runs every registered seeder in order. A seeder is called as
`seed(admin=, communities=, ensure_user=)` and must be idempotent.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class DemoSeeder:
    name: str
    seed: Callable[..., None]
    order: int


_SEEDERS: dict[str, DemoSeeder] = {}


def register(name: str, seed: Callable[..., None], *, order: int) -> None:
    """Register an app's demo seeder; lower `order` runs first (ties by name)."""
    _SEEDERS[name] = DemoSeeder(name=name, seed=seed, order=order)


def seeders() -> list[DemoSeeder]:
    return sorted(_SEEDERS.values(), key=lambda s: (s.order, s.name))
