"""What assistance.publicity adds to the platform's registries (called from
assistance.registration.register)."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext_lazy as _

from assistance.cases import panels
from assistance.publicity.models import Publicity
from assistance.publicity.panels import publicity_panel
from assistance.publicity.services import KIND_OBJECTION_FILED
from assistance.publicity.tasks import retire_ended_notices
from communities.cache import invalidate_on_change
from notifications import kinds, scheduling


def register() -> None:
    kinds.register(KIND_OBJECTION_FILED, _("Objections to assistance public notices"))
    panels.register(
        panels.Panel(
            key="publicity",
            template="assistance/publicity/_panel.html",
            context=publicity_panel,
            order=60,
        )
    )
    # A notice whose period ended yesterday must not stay on a cached page.
    scheduling.register(
        "assistance.retire_ended_notices",
        retire_ended_notices,
        daily_at=datetime.time(0, 1),
    )


def connect() -> None:
    # A notice up, ended or withdrawn changes the public list.
    invalidate_on_change(Publicity, uid="assistance.publicity")
