"""What assistance.decisions adds to the platform's registries (called from
assistance.registration.register)."""

from __future__ import annotations

from assistance.cases import panels
from assistance.decisions.panels import decision_panel


def register() -> None:
    panels.register(
        panels.Panel(
            key="decision",
            template="assistance/decisions/_panel.html",
            context=decision_panel,
            order=70,
        )
    )


def connect() -> None:
    """Nothing to connect: decisions show on no public page."""
