"""The registry behind "download my data" and "delete my account".

Every app that stores personal data registers, in its `AppConfig.ready()`:

- a collector, `register_collector("notifications", fn)`, where `fn(user)` returns a
  JSON-serialisable dict or list; the export holds it under that name;
- an anonymiser, `register_anonymiser(fn)`, where `fn(user)` removes or blanks what
  the app holds about the person and keeps what the law requires to keep (public
  records then show the person as "former resident"). Anonymisers run inside the
  deletion transaction, so one failure rolls the whole deletion back.

- an explanation, `register_kept_records(fn)`, where `fn(user)` returns the
  sentences (translated) that tell the person what the app keeps after deletion
  and why; the deletion page shows them before the person confirms.

Collectors must never return secrets (password hashes, TOTP secrets, tokens).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Collector = Callable[[Any], dict | list]
Anonymiser = Callable[[Any], None]

_collectors: dict[str, Collector] = {}
_anonymisers: list[Anonymiser] = []
_kept_records: list[Callable[[Any], list[str]]] = []


def register_collector(name: str, fn: Collector) -> None:
    """Add a section to the personal-data export. Registering a name twice replaces it."""
    _collectors[name] = fn


def register_anonymiser(fn: Anonymiser) -> None:
    """Add a step to account deletion. Registering the same function twice runs it once."""
    if fn not in _anonymisers:
        _anonymisers.append(fn)


def register_kept_records(fn: Callable[[Any], list[str]]) -> None:
    """Add an explanation of records kept after deletion (registered once)."""
    if fn not in _kept_records:
        _kept_records.append(fn)


def kept_records(user: Any) -> list[str]:
    """Every registered explanation that applies to this person."""
    return [reason for fn in _kept_records for reason in fn(user)]


def collectors() -> dict[str, Collector]:
    return dict(_collectors)


def anonymisers() -> list[Anonymiser]:
    return list(_anonymisers)


def unregister_collector(name: str) -> None:
    """For tests: drop a collector added by the test."""
    _collectors.pop(name, None)


def unregister_anonymiser(fn: Anonymiser) -> None:
    """For tests: drop an anonymiser added by the test."""
    if fn in _anonymisers:
        _anonymisers.remove(fn)
