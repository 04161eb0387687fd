"""Reads of residency: a person's memberships, the committee's queue and
households, verified residents, and the per-request membership cache the
residency predicates read."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Count, Prefetch, QuerySet

from communities.membership.models import Household, Membership
from communities.regions.models import Community

MEMBERSHIPS_CACHE = "_gz_memberships"


def memberships_by_community(user: Any) -> dict[int, tuple[str, bool]]:
    """community id -> (status, is household representative); one query per request,
    cached on the user object like `has_totp`."""
    if not getattr(user, "is_authenticated", False):
        return {}
    cached = getattr(user, MEMBERSHIPS_CACHE, None)
    if cached is None:
        cached = {
            community_id: (status, representative)
            for community_id, status, representative in Membership.objects.filter(
                user=user
            ).values_list("community_id", "status", "is_representative")
        }
        setattr(user, MEMBERSHIPS_CACHE, cached)
    return cached


def memberships_of(user) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user).select_related("community", "household")


def pending_requests(community: Community) -> QuerySet[Membership]:
    return (
        Membership.objects.pending()
        .filter(community=community)
        .select_related("user", "household")
        .order_by("requested_at")
    )


def households_with_residents(community: Community) -> QuerySet[Household]:
    """The community's households that have verified residents, residents prefetched.

    Each household gets `residents`: its verified memberships with their people,
    so a page of households costs two queries whatever its size.
    """
    return (
        Household.objects.filter(
            community=community, memberships__status=Membership.Status.VERIFIED
        )
        .distinct()
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.verified()
                .select_related("user")
                .order_by("-is_representative", "user__display_name", "pk"),
                to_attr="residents",
            )
        )
    )


def verified_residents(community: Community | int) -> QuerySet:
    """Active people with a verified membership of the community."""
    return get_user_model().objects.filter(
        pk__in=Membership.objects.filter(
            community=community, status=Membership.Status.VERIFIED
        ).values("user_id"),
        is_active=True,
    )


def pending_counts(communities: Any) -> dict[int, int]:
    """{community pk: join requests waiting for verification}: one query."""
    rows = (
        Membership.objects.pending()
        .filter(community__in=communities)
        .values("community_id")
        .annotate(n=Count("pk"))
    )
    return {row["community_id"]: row["n"] for row in rows}
