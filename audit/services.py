"""Writing to the audit log."""

from __future__ import annotations

from typing import Any

from django.db import models

from audit.models import AuditEvent


def record(
    *,
    actor: Any | None,
    action: str,
    target: models.Model | None = None,
    community: Any | None = None,
    data: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one audit row. Call inside the service's transaction, so a rollback drops it."""
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    return AuditEvent.objects.create(
        actor=actor,
        action=action,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_repr=str(target)[:200] if target is not None else "",
        community=community,
        data=data or {},
    )
