"""What assistance.privacy adds to the platform's registries (called from
assistance.registration.register)."""

from __future__ import annotations


def register() -> None:
    """Nothing yet."""


def connect() -> None:
    """Nothing yet."""
