"""Reading tokens and the area a token's owner oversees now."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from communities.roles.selectors import is_platform_admin_user
from communities.selectors import overseen_communities, overseen_region_ids
from opendata.tokens.models import ApiToken, hash_token


def tokens_of(user: Any) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(owner=user).order_by("-created_at", "-pk")


def token_for(raw: str) -> ApiToken | None:
    """The active token with this secret, with its owner, or None."""
    if not raw or len(raw) > 200:
        return None
    return (
        ApiToken.objects.active()
        .select_related("owner")
        .filter(digest=hash_token(raw))
        .first()
    )


def oversees_an_area(user: Any) -> bool:
    """A street or district officer (grant in force, TOTP set up) or a platform admin."""
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(overseen_region_ids(user)) or is_platform_admin_user(user)


def area_of(user: Any) -> QuerySet:
    """The communities the person oversees today."""
    return overseen_communities(user)
