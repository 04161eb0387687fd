"""Reading standards and settings: the district's settings (created with
defaults on first use), the standard in force on a day, and the history."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db.models import QuerySet
from django.utils import timezone

from assistance.standards.models import Area, AssistanceSettings, Standard
from communities.models import Community, Region


def district_of(community: Community) -> Region:
    """The district above a community (its street's parent)."""
    return community.street.parent


def settings_for(district: Region | int) -> AssistanceSettings:
    district_id = district if isinstance(district, int) else district.pk
    found, _created = AssistanceSettings.objects.get_or_create(district_id=district_id)
    return found


def area_of(community: Community) -> str:
    return Area.RURAL if community.is_village else Area.URBAN


def standard_in_force(
    district: Region | int, area: str, on: datetime.date | None = None
) -> Standard | None:
    """The latest standard of this district and area that has started by `on`."""
    district_id = district if isinstance(district, int) else district.pk
    return (
        Standard.objects.filter(
            district_id=district_id,
            area=area,
            effective_from__lte=on or timezone.localdate(),
        )
        .order_by("-effective_from")
        .first()
    )


def history(district: Region) -> QuerySet[Standard]:
    """Every standard of the district, newest first, for the public page."""
    return Standard.objects.filter(district=district).order_by(
        "area", "-effective_from"
    )


def temporary_limit(
    standard: Standard, district_settings: AssistanceSettings, household_size: int
) -> tuple[Decimal, Decimal]:
    """(normal, with district approval) 临时救助 limits for a household.

    Multiples of the household's monthly 低保 standard.
    """
    monthly = standard.monthly_amount * max(household_size, 1)
    return (
        monthly * district_settings.temporary_limit_months,
        monthly * district_settings.temporary_limit_max_months,
    )
