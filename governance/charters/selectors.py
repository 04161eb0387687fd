"""Reads for the charter pages and the oversight figures: fixed query counts."""

from __future__ import annotations

import datetime
from collections import defaultdict
from typing import Any

from django.db.models import Prefetch, Q
from django.utils import timezone

from accounts.mfa import has_totp
from communities.models import Community, Role, RoleGrant
from communities.rules import is_platform_admin, overseen_region_ids
from governance.charters.models import (
    CharterClause,
    CharterState,
    CharterVersion,
    ClauseComment,
)
from governance.charters.pages import CharterIndexPage, CharterPage

S = CharterState


def work_list(community: Community) -> list[dict[str, Any]]:
    """Every charter of a community with all its versions (committee's list)."""
    pages = list(CharterPage.objects.filter(community=community).order_by("title"))
    versions = CharterVersion.objects.filter(community=community).order_by(
        "charter_id", "-number"
    )
    by_page: dict[int, list[CharterVersion]] = defaultdict(list)
    for version in versions:
        by_page[version.charter_id].append(version)
    return [{"page": p, "versions": by_page.get(p.pk, [])} for p in pages]


def clauses_with_comments(version: CharterVersion, *, author=None) -> list:
    """The clauses of a version with their opinions (only `author`'s, if given)."""
    comments = ClauseComment.objects.select_related("author").order_by("created_at")
    if author is not None:
        comments = comments.filter(author=author)
    return list(
        CharterClause.objects.filter(version=version)
        .select_related("penalty_acknowledged_by")
        .prefetch_related(Prefetch("comments", queryset=comments))
        .order_by("number")
    )


# ---------------------------------------------------------------------------
# Oversight
# ---------------------------------------------------------------------------
def communities_with_current_charter(
    community_ids: list[int], on: datetime.date | None = None
) -> set[int]:
    """Communities with a filed, published charter in force on a day (one query)."""
    return set(
        with_current_charter(on)
        .filter(community_id__in=community_ids)
        .values_list("community_id", flat=True)
        .distinct()
    )


def with_current_charter(on: datetime.date | None = None):
    """The ids of communities with a filed, published charter in force on a day,
    as a subquery (`Community.objects.filter(pk__in=...)`)."""
    on = on or timezone.localdate()
    return CharterVersion.objects.filter(
        state=S.PUBLISHED, filed_at__isnull=False, in_force_on__lte=on
    ).values("community_id")


def under_review(community_ids: list[int]):
    return CharterVersion.objects.filter(
        community_id__in=community_ids, state=S.SUBMITTED
    )


def filing_overdue(community_ids: list[int], on: datetime.date | None = None):
    on = on or timezone.localdate()
    return CharterVersion.objects.filter(
        community_id__in=community_ids, state=S.VOTED, filing_due_on__lt=on
    )


def overseen_communities(user: Any):
    """Communities whose charters the person oversees: their committee or
    supervision communities, the communities of their street or district, or all
    for a platform admin. Grants count only with TOTP (as in the rules)."""

    if not getattr(user, "is_authenticated", False):
        return Community.objects.none()
    if is_platform_admin(user):
        return Community.objects.all()
    regions = overseen_region_ids(user)
    community_ids = (
        list(
            RoleGrant.objects.active()
            .filter(
                user=user,
                role__in=[Role.COMMITTEE, Role.SUPERVISION],
                community__isnull=False,
            )
            .values_list("community_id", flat=True)
        )
        if has_totp(user)
        else []
    )
    return Community.objects.filter(
        Q(pk__in=community_ids)
        | Q(street_id__in=regions)
        | Q(street__parent_id__in=regions)
    )


def has_adopted_version(page: Any) -> bool:
    """Whether a charter page (or any charter under a charter index) has a published
    version; such a charter stays public and cannot be deleted. One query."""
    if isinstance(page, CharterPage):
        versions = page.versions.all()
    elif isinstance(page, CharterIndexPage):
        versions = CharterVersion.objects.filter(community_id=page.community_id)
    else:
        return False
    return versions.filter(state=CharterState.PUBLISHED).exists()
