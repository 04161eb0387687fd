"""Reading standards and settings: the district's settings (created with
defaults on first use), the standard in force on a day, and the history."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db.models import QuerySet
from django.utils import timezone

from assistance.standards.models import (
    Area,
    AssistanceSettings,
    Standard,
    WorkdayOverride,
)
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
    cent = Decimal("0.01")
    return (
        (monthly * district_settings.temporary_limit_months).quantize(cent),
        (monthly * district_settings.temporary_limit_max_months).quantize(cent),
    )


HOUSEHOLD_SIZES = range(1, 7)


def _area_view(standards: list[Standard], today: datetime.date) -> dict:
    """The standard in force, the upcoming one and the past ones of one area."""
    current = next((s for s in standards if s.effective_from <= today), None)
    upcoming = [s for s in standards if s.effective_from > today]
    past = [s for s in standards if s.effective_from <= today and s is not current]
    lines = (
        [(n, current.monthly_amount * n) for n in HOUSEHOLD_SIZES] if current else []
    )
    return {"current": current, "upcoming": upcoming, "past": past, "lines": lines}


def public_overview(on: datetime.date | None = None) -> list[dict]:
    """Every district with its urban and rural standards, settings and history
    (three queries whatever the number of districts or standards)."""
    today = on or timezone.localdate()
    districts = list(Region.objects.filter(kind=Region.Kind.DISTRICT).order_by("name"))
    by_district: dict[int, list[Standard]] = {}
    for standard in Standard.objects.filter(district__in=districts).order_by(
        "district", "area", "-effective_from"
    ):
        by_district.setdefault(standard.district_id, []).append(standard)
    policies = {
        s.district_id: s
        for s in AssistanceSettings.objects.filter(district__in=districts)
    }
    overview = []
    for district in districts:
        standards = by_district.get(district.pk, [])
        policy = policies.get(district.pk) or AssistanceSettings(district=district)
        areas = [
            {
                "area": area,
                **_area_view([s for s in standards if s.area == area], today),
            }
            for area in Area
        ]
        for area in areas:
            current = area["current"]
            limits = temporary_limit(current, policy, 1) if current else (None, None)
            area["temporary_limit"], area["temporary_limit_approved"] = limits
        overview.append({"district": district, "settings": policy, "areas": areas})
    return overview


def overrides(district: Region) -> QuerySet[WorkdayOverride]:
    """The district's working-day overrides, in date order."""
    return WorkdayOverride.objects.filter(district=district).order_by("date")
