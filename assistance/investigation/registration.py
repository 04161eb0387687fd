"""What assistance.investigation adds to the platform's registries (called from
assistance.registration.register): its case-page panels."""

from __future__ import annotations

from assistance.cases import panels
from assistance.investigation import panels as investigation_panels


def register() -> None:
    for panel in investigation_panels.PANELS:
        panels.register(panel)


def connect() -> None:
    """Nothing to connect."""
