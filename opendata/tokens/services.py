"""Making and revoking officers' API tokens (audited)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from audit import services as audit
from opendata.tokens.models import PREFIX_LENGTH, ApiToken, hash_token, new_secret


@transaction.atomic
def create_token(*, owner: Any, name: str) -> tuple[ApiToken, str]:
    """A new token for `owner` and its secret, which is never stored or shown again."""
    if not owner.has_perm("opendata.manage_tokens"):
        raise PermissionDenied
    raw = new_secret()
    token = ApiToken.objects.create(
        owner=owner,
        name=name.strip(),
        prefix=raw[: PREFIX_LENGTH + 3],
        digest=hash_token(raw),
    )
    audit.record(actor=owner, action="opendata.token_created", target=token)
    return token, raw


@transaction.atomic
def revoke_token(*, owner: Any, token: ApiToken) -> None:
    """Revoke one of the owner's own tokens (a second revoke changes nothing)."""
    if token.owner_id != owner.pk:
        raise PermissionDenied
    if token.revoked_at is not None:
        return
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit.record(actor=owner, action="opendata.token_revoked", target=token)
