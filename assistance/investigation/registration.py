"""What assistance.investigation adds to the platform's registries (called from
assistance.registration.register): the notification asking the second
visitor to sign, and its case-page panels."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from assistance.cases import panels
from assistance.investigation import panels as investigation_panels
from assistance.investigation.services import KIND_VISIT_TO_SIGN
from notifications import kinds


def register() -> None:
    kinds.register(
        KIND_VISIT_TO_SIGN, _("A home visit record waiting for my signature")
    )
    for panel in investigation_panels.PANELS:
        panels.register(panel)


def connect() -> None:
    """Nothing to connect."""
