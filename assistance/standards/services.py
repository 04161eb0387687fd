"""Changes to a district's standards, settings and working-day overrides; each
is one transaction with its audit row."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.db import transaction

from assistance.standards.models import AssistanceSettings, Standard, WorkdayOverride
from assistance.standards.selectors import settings_for
from audit.services import record
from communities.models import Region


def record_standard(
    *,
    district: Region,
    area: str,
    monthly_amount: Decimal,
    effective_from: datetime.date,
    note: str = "",
    actor: Any,
) -> Standard:
    """A new 低保 standard, with the 特困 and 低收入 ratios in force today.

    Raises ValidationError (nothing saved) for a bad amount or a second
    standard of the same area on the same day.
    """
    with transaction.atomic():
        policy = settings_for(district)
        standard = Standard(
            district=district,
            area=area,
            monthly_amount=monthly_amount,
            effective_from=effective_from,
            special_hardship_ratio=policy.special_hardship_ratio,
            low_income_ratio=policy.low_income_ratio,
            note=note,
            recorded_by=actor,
        )
        standard.full_clean()
        standard.save()
        record(
            actor=actor,
            action="assistance.standard_recorded",
            target=standard,
            data={
                "district": district.slug,
                "area": area,
                "monthly_amount": str(monthly_amount),
                "effective_from": effective_from.isoformat(),
            },
        )
    return standard


def save_settings(*, policy: AssistanceSettings, changed: list[str], actor: Any):
    """Store a validated settings form's instance and log which numbers changed."""
    with transaction.atomic():
        policy.full_clean()
        policy.save()
        record(
            actor=actor,
            action="assistance.settings_changed",
            target=policy,
            data={name: str(getattr(policy, name)) for name in changed},
        )
    return policy


def add_override(
    *,
    district: Region,
    date: datetime.date,
    is_workday: bool,
    note: str = "",
    actor: Any,
) -> WorkdayOverride:
    """A holiday or adjusted working day for the district (one per date)."""
    with transaction.atomic():
        override = WorkdayOverride(
            district=district, date=date, is_workday=is_workday, note=note
        )
        override.full_clean()
        override.save()
        record(
            actor=actor,
            action="assistance.workday_override_added",
            target=override,
            data={"date": date.isoformat(), "is_workday": is_workday},
        )
    return override


def remove_override(*, override: WorkdayOverride, actor: Any) -> None:
    with transaction.atomic():
        record(
            actor=actor,
            action="assistance.workday_override_removed",
            target=override,
            data={
                "date": override.date.isoformat(),
                "is_workday": override.is_workday,
            },
        )
        override.delete()
