"""Reads of emergency aid: the declared period in force for a community, the
limits that apply to a grant, the lists, the work list's rows and the dashboard
counts (a fixed number of queries whatever the number of aids)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import TruncDate
from django.utils import timezone

from assistance.emergency.models import AdvanceAid, EmergencyPeriod
from assistance.oversight.selectors import median, year_start
from assistance.standards.models import AssistanceSettings
from assistance.standards.selectors import (
    area_of,
    settings_for,
    standard_in_force,
    temporary_limit,
)
from communities.models import Community, Household, Membership, Region

CENT = Decimal("0.01")
PAPERWORK_FILTERS = ("overdue", "due", "on_time", "late")


def periods_of(district: Region) -> QuerySet[EmergencyPeriod]:
    return (
        EmergencyPeriod.objects.filter(district=district)
        .select_related("declared_by", "ended_by")
        .prefetch_related("streets")
    )


def _in_force(periods: QuerySet[EmergencyPeriod], at: datetime.datetime):
    day = timezone.localdate(at)
    return periods.filter(starts_on__lte=day, ends_on__gte=day).filter(
        Q(ended_at__isnull=True) | Q(ended_at__gt=at)
    )


def period_in_force(
    community: Community, at: datetime.datetime | None = None
) -> EmergencyPeriod | None:
    """The declared emergency covering the community at that moment (the whole
    district, or its street named), the latest declared first."""
    at = at or timezone.now()
    periods = EmergencyPeriod.objects.filter(district_id=community.street.parent_id)
    return (
        _in_force(periods, at)
        .filter(Q(streets__isnull=True) | Q(streets=community.street_id))
        .order_by("-starts_on", "-pk")
        .first()
    )


def periods_in_force(district_ids: list[int]) -> QuerySet[EmergencyPeriod]:
    periods = EmergencyPeriod.objects.filter(district_id__in=district_ids)
    return _in_force(periods, timezone.now())


@dataclass(frozen=True)
class Limits:
    """What applies to a 先行救助 for a household at a moment."""

    per_person: Decimal
    household_monthly: Decimal
    coordinator: Decimal
    officer: Decimal
    paperwork_days: int
    period: EmergencyPeriod | None
    settings: AssistanceSettings

    def for_capacity(self, capacity: str) -> Decimal:
        return self.officer if capacity == "officer" else self.coordinator


def limits_for(
    community: Community, household_size: int, at: datetime.datetime | None = None
) -> Limits | None:
    """The coordinator's and the officer's limits (None without a 低保 standard in
    force for the community's district and area)."""
    at = at or timezone.now()
    district = community.street.parent_id
    standard = standard_in_force(district, area_of(community), timezone.localdate(at))
    if standard is None:
        return None
    policy = settings_for(district)
    period = period_in_force(community, at)
    size = max(household_size, 1)
    monthly = standard.monthly_amount * size
    months = (
        policy.emergency_period_limit_months
        if period
        else policy.advance_aid_limit_months
    )
    coordinator = (monthly * months).quantize(CENT)
    officer = max(coordinator, temporary_limit(standard, policy, size)[0])
    days = (
        policy.emergency_period_paperwork_working_days
        if period
        else policy.advance_paperwork_working_days
    )
    return Limits(
        per_person=standard.monthly_amount,
        household_monthly=monthly.quantize(CENT),
        coordinator=coordinator,
        officer=officer,
        paperwork_days=days,
        period=period,
        settings=policy,
    )


def household_in(community: Community, pk: Any) -> Household | None:
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        return None
    if not 0 < pk < 2**63:
        return None
    return Household.objects.filter(community=community, pk=pk).first()


def household_people(household: Household | None) -> list[tuple[str, bool]]:
    """(name, is the representative) of the household's verified members."""
    if household is None:
        return []
    members = (
        Membership.objects.verified()
        .filter(household=household)
        .select_related("user")
        .order_by("-is_representative", "pk")
    )
    return [
        ((m.user.real_name or m.user.display_name or "")[:60], m.is_representative)
        for m in members
    ]


def _with_paperwork(aids: QuerySet[AdvanceAid]) -> QuerySet[AdvanceAid]:
    tz = timezone.get_current_timezone()
    return aids.annotate(done_on=TruncDate("case__submitted_at", tzinfo=tz))


def paperwork_q(which: str) -> Q:
    """Advance aid by the state of its paperwork (needs `_with_paperwork`)."""
    today = timezone.localdate()
    return {
        "overdue": Q(case__submitted_at__isnull=True, paperwork_due__lt=today),
        "due": Q(case__submitted_at__isnull=True, paperwork_due__gte=today),
        "on_time": Q(done_on__lte=F("paperwork_due")),
        "late": Q(done_on__gt=F("paperwork_due")),
    }[which]


def aid_list(
    aids: QuerySet[AdvanceAid], *, paperwork: str = "", year: int | None = None
) -> QuerySet[AdvanceAid]:
    chosen = _with_paperwork(aids).select_related(
        "case", "community", "granted_by", "emergency_period"
    )
    if paperwork in PAPERWORK_FILTERS:
        chosen = chosen.filter(paperwork_q(paperwork))
    if year is not None:
        start = year_start(datetime.date(year, 1, 1))
        chosen = chosen.filter(
            granted_at__gte=start, granted_at__lt=start.replace(year=year + 1)
        )
    return chosen.order_by("-granted_at", "-pk")


def aids_of_region(region: Region) -> QuerySet[AdvanceAid]:
    if region.is_district:
        return AdvanceAid.objects.filter(community__street__parent=region)
    return AdvanceAid.objects.filter(community__street=region)


def aid_by_pk(pk: int) -> AdvanceAid | None:
    if not 0 < pk < 2**63:
        return None
    return (
        AdvanceAid.objects.select_related(
            "case", "community__street__parent", "granted_by", "emergency_period"
        )
        .filter(pk=pk)
        .first()
    )


def waiting_paperwork(community: Community, limit: int = 20) -> dict[str, Any]:
    """The work list's rows: advance aid whose paperwork is not completed, the
    earliest due first (two queries)."""
    open_aid = AdvanceAid.objects.filter(
        community=community, case__submitted_at__isnull=True
    ).exclude(case__state="withdrawn")
    counts = open_aid.aggregate(
        waiting=Count("pk"),
        overdue=Count("pk", filter=Q(paperwork_due__lt=timezone.localdate())),
    )
    rows = list(open_aid.select_related("case").order_by("paperwork_due", "pk")[:limit])
    return {"rows": rows, **counts}


def dashboard_counts(community_ids: list[int]) -> dict[str, Any]:
    """Advance aid of these communities: given this year, paperwork overdue (any
    year) and completed on time (this year), responses within the district's
    target and their median, declared emergencies in force (four queries)."""
    start = year_start()
    aids = _with_paperwork(AdvanceAid.objects.filter(community_id__in=community_ids))
    this_year = Q(granted_at__gte=start)
    counts = aids.aggregate(
        given=Count("pk", filter=this_year),
        overdue=Count("pk", filter=paperwork_q("overdue")),
        on_time=Count("pk", filter=this_year & paperwork_q("on_time")),
    )
    times = list(
        aids.filter(this_year).values_list(
            "reported_at", "granted_at", "community__street__parent_id"
        )
    )
    districts = set(
        Community.objects.filter(pk__in=community_ids).values_list(
            "street__parent_id", flat=True
        )
    )
    targets = dict(
        AssistanceSettings.objects.filter(district_id__in=districts).values_list(
            "district_id", "emergency_response_hours"
        )
    )
    default = AssistanceSettings._meta.get_field("emergency_response_hours").default
    hours = [(g - r).total_seconds() / 3600 for r, g, _d in times]
    within = sum(
        1
        for (r, g, d), h in zip(times, hours, strict=True)
        if h <= targets.get(d, default)
    )
    shown_targets = {targets.get(d, default) for d in districts} or {default}
    return {
        **counts,
        "responses": len(hours),
        "within_target": within,
        "median_hours": median(hours),
        "target": shown_targets.pop() if len(shown_targets) == 1 else None,
        "periods": periods_in_force(sorted(districts)).count(),
    }
