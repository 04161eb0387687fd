"""Precomputed totals of the street and district dashboards (issue 16).

In a city district of 3,000 communities the live totals of every registered
section take seconds (each provider aggregates over all the communities and
builds its figures in Python). A job, `communities.refresh_region_figures`
(every `REGION_FIGURES_MINUTES`, default 10), computes each region's totals with
the same providers and stores them (`RegionFigures`): per region, per kind of
viewer (the officers who may open it, told apart by their role grants, since a
figure's link depends on what the viewer may open) and per language. The
dashboard reads the stored totals while they are younger than three periods and
shows "figures as of HH:MM"; otherwise (no job run yet, a viewer the job did not
foresee) it computes them live, as before. The per-community table is always
live, for the page of communities shown.
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.utils import timezone, translation

from accounts.mfa import has_totp
from communities import oversight
from communities.oversight.models import RegionFigures
from communities.regions.models import Community, Region
from communities.roles.models import RoleGrant


def period() -> datetime.timedelta:
    return datetime.timedelta(minutes=getattr(settings, "REGION_FIGURES_MINUTES", 10))


@dataclass
class Totals:
    figures: dict[str, list[oversight.Figure]]
    computed_at: datetime.datetime


def viewer_key(user: Any) -> str:
    """The viewer's kind: their active role grants, admin flag and 2FA (one query)."""
    grants = sorted(
        RoleGrant.objects.active()
        .filter(user=user)
        .values_list("role", "community_id", "region_id")
    )
    raw = repr((grants, bool(user.is_superuser), has_totp(user)))
    return hashlib.sha256(raw.encode()).hexdigest()[:32]


def compute(region: Region, user: Any) -> list[dict[str, Any]]:
    """Every section's totals over the region, as `user` sees them (live)."""
    scope = Community.objects.in_region(region)
    return [
        {
            "key": section.key,
            "figures": [
                {
                    "key": f.key,
                    "label": str(f.label),
                    "count": f.count,
                    "url": f.url,
                    "tone": f.tone,
                }
                for f in section.figures(scope, user)
            ],
        }
        for section in oversight.sections()
    ]


def _viewers(region: Region) -> list[Any]:
    """One officer per kind of viewer of the region (grants on it or its district)."""
    places = Q(region=region)
    if region.parent_id:
        places |= Q(region_id=region.parent_id)
    grants = (
        RoleGrant.objects.active().filter(places).select_related("user").order_by("pk")
    )
    found: dict[str, Any] = {}
    for grant in grants:
        key = viewer_key(grant.user)
        found.setdefault(key, grant.user)
    return list(found.items())


def refresh(regions: list[Region] | None = None) -> int:
    """Compute and store the totals of every region; returns rows written."""
    regions = regions if regions is not None else list(Region.objects.all())
    written = 0
    for region in regions:
        for key, user in _viewers(region):
            for language, _name in settings.LANGUAGES:
                with translation.override(language):
                    sections = compute(region, user)
                RegionFigures.objects.update_or_create(
                    region=region,
                    viewer=key,
                    language=language,
                    defaults={"sections": sections, "computed_at": timezone.now()},
                )
                written += 1
    RegionFigures.objects.filter(computed_at__lt=timezone.now() - 3 * period()).delete()
    return written


def stored(region: Region, user: Any) -> Totals | None:
    """The region's stored totals for this viewer, if fresh enough (two queries)."""
    row = (
        RegionFigures.objects.filter(
            region=region,
            viewer=viewer_key(user),
            language=translation.get_language(),
            computed_at__gte=timezone.now() - 3 * period(),
        )
        .only("sections", "computed_at")
        .first()
    )
    if row is None:
        return None
    return Totals(
        figures={
            s["key"]: [oversight.Figure(**f) for f in s["figures"]]
            for s in row.sections
        },
        computed_at=row.computed_at,
    )
