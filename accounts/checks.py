"""System checks of accounts (run by `manage.py check --deploy`)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Warning as CheckWarning


def check_field_encryption_keys(app_configs: Any = None, **kwargs: Any) -> list:
    """Without FIELD_ENCRYPTION_KEYS the sensitive fields use a key derived from
    SECRET_KEY, so a leaked SECRET_KEY also opens them."""
    keys = [k for k in getattr(settings, "FIELD_ENCRYPTION_KEYS", []) if k.strip()]
    if keys:
        return []
    return [
        CheckWarning(
            "FIELD_ENCRYPTION_KEYS is empty: sensitive fields are encrypted with a "
            "key derived from SECRET_KEY.",
            hint="Generate a key (docs/deploy.md) and set FIELD_ENCRYPTION_KEYS.",
            id="accounts.W001",
        )
    ]
