"""Background tasks of assistance.privacy."""

from __future__ import annotations

from django.tasks import task

from assistance.privacy.services import anonymise_expired


@task
def anonymise_expired_cases() -> int:
    """Blank the personal data of cases closed past their retention (daily)."""
    return anonymise_expired()
