"""Reads about organisations and their managers."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from charity.organisations.models import Organisation
from communities.models import Role
from communities.selectors import role_holders

MANAGED_CACHE = "_gz_charity_managed_orgs"


def managed_organisation_ids(user: Any) -> set[int]:
    """The organisations listing the person as a manager (cached on the user)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    cached = getattr(user, MANAGED_CACHE, None)
    if cached is None:
        cached = set(user.managed_charity_organisations.values_list("pk", flat=True))
        setattr(user, MANAGED_CACHE, cached)
    return cached


def charity_managers(community: Any) -> QuerySet:
    """People granted the charity manager role in the community today."""
    return role_holders(roles=[Role.CHARITY_MANAGER], community=community)


def organisations_of(community: Any) -> QuerySet:
    return Organisation.objects.filter(community=community).prefetch_related("managers")
