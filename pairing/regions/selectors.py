"""Reads of paired regions: the person's liaison posts (read once per request),
a region's liaisons and pairs, the index."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from pairing.regions.models import Liaison, PairedCommunity, PairedRegion

POSTS_CACHE = "_gz_liaison_posts"


def paired_region_of(obj: Any) -> PairedRegion | None:
    """The paired region an object belongs to (itself, or its `paired_region`)."""
    if isinstance(obj, PairedRegion):
        return obj
    region = getattr(obj, "paired_region", None)
    return region if isinstance(region, PairedRegion) else None


def liaison_posts(user: Any) -> list[tuple[int, str]]:
    """(paired region id, side) of the person's liaison posts in force today."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, POSTS_CACHE, None)
    if cached is None:
        cached = list(
            Liaison.objects.active()
            .filter(user=user)
            .values_list("paired_region_id", "side")
        )
        setattr(user, POSTS_CACHE, cached)
    return cached


def forget_posts(user: Any) -> None:
    if hasattr(user, POSTS_CACHE):
        delattr(user, POSTS_CACHE)


def regions_of_liaison(user: Any) -> list[PairedRegion]:
    ids = {region_id for region_id, _side in liaison_posts(user)}
    if not ids:
        return []
    return list(PairedRegion.objects.filter(pk__in=ids).order_by("name"))


def all_regions() -> QuerySet[PairedRegion]:
    return PairedRegion.objects.select_related("district").order_by(
        "district__name", "name"
    )


def regions_of_district(district: Any) -> list[PairedRegion]:
    return list(PairedRegion.objects.filter(district=district).order_by("name"))


def active_liaisons(region: PairedRegion) -> list[Liaison]:
    return list(
        Liaison.objects.active().filter(paired_region=region).order_by("side", "name")
    )


def all_liaisons(region: PairedRegion) -> list[Liaison]:
    """Every liaison post, past ones too (the managers' list)."""
    return list(
        Liaison.objects.filter(paired_region=region)
        .select_related("user")
        .order_by("revoked_at", "side", "name")
    )


def pairs_of(region: PairedRegion) -> list[PairedCommunity]:
    return list(
        PairedCommunity.objects.filter(paired_region=region).select_related("community")
    )


def liaison_users(region: PairedRegion, side: str | None = None) -> list[Any]:
    posts = Liaison.objects.active().filter(paired_region=region)
    if side:
        posts = posts.filter(side=side)
    return [post.user for post in posts.select_related("user")]
