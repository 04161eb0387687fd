"""Reads behind the assistance dashboards, spot checks and exports. Every
function runs a fixed number of queries whatever the number of cases."""

from __future__ import annotations

import datetime
import math
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from assistance.cases.deadlines import overdue
from assistance.cases.models import OPEN_STATES, Case, Kind, State
from assistance.decisions.models import Refusal, RefusalCategory
from assistance.oversight.models import SpotCheck, SpotCheckItem
from assistance.standards.workdays import Calendar
from communities.models import Community, Region


def region_communities(region: Region) -> QuerySet[Community]:
    """The communities of a street/town, or of every street of a district."""
    if region.is_district:
        return Community.objects.filter(street__parent=region)
    return Community.objects.filter(street=region)


def region_cases(region: Region) -> QuerySet[Case]:
    if region.is_district:
        return Case.objects.filter(community__street__parent=region)
    return Case.objects.filter(community__street=region)


def year_start(today: datetime.date | None = None) -> datetime.datetime:
    today = today or timezone.localdate()
    return datetime.datetime(today.year, 1, 1, tzinfo=timezone.get_current_timezone())


def section_counts(community_ids: list[int]) -> dict[int, dict[str, int]]:
    """Per community: open cases, open cases per state, overdue, refused this
    year (two queries)."""
    cases = Case.objects.filter(community_id__in=community_ids)
    aggregates = {
        "open": Count("pk", filter=Q(state__in=OPEN_STATES)),
        "refused_year": Count(
            "pk",
            filter=Q(
                state=State.REFUSED,
                decided_at__gte=year_start(),
                decided_at__lt=year_start().replace(year=year_start().year + 1),
            ),
        ),
        **{state.value: Count("pk", filter=Q(state=state)) for state in OPEN_STATES},
    }
    counts: dict[int, dict[str, int]] = {
        row.pop("community_id"): row
        for row in cases.values("community_id").annotate(**aggregates).order_by()
    }
    late = dict(
        overdue(cases)
        .values("community_id")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("community_id", "n")
    )
    for pk in community_ids:
        counts.setdefault(pk, dict.fromkeys(aggregates, 0))["overdue"] = late.get(pk, 0)
    return counts


def percentile(values: list[int], share: float) -> int | None:
    """The nearest-rank percentile of `values` (None when there are none)."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(math.ceil(share * len(ordered)), 1)
    return ordered[rank - 1]


def median(values: list[int]) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def decision_times(region: Region) -> list[int]:
    """Working days from acceptance to decision of every decided case (one query
    for the cases, one for the district's calendar overrides)."""
    district_id = region.pk if region.is_district else region.parent_id
    calendar = Calendar(district_id)
    rows = (
        region_cases(region)
        .filter(
            state__in=(State.CONFIRMED, State.REFUSED, State.APPEALED),
            accepted_on__isnull=False,
            decided_at__isnull=False,
        )
        .values_list("accepted_on", "decided_at")
    )
    return [
        calendar.between(accepted, timezone.localdate(decided))
        for accepted, decided in rows
    ]


def dashboard(region: Region) -> dict[str, Any]:
    """Everything the assistance dashboard of a street or district shows."""
    cases = region_cases(region)
    by_state = dict(
        cases.values("state")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("state", "n")
    )
    times = decision_times(region)
    refusals = dict(
        Refusal.objects.filter(case__in=cases)
        .values("category")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("category", "n")
    )
    return {
        "states": [(state, by_state.get(state.value, 0)) for state in State],
        "decided": len(times),
        "median_days": median(times),
        "p90_days": percentile(times, 0.9),
        "overdue": overdue(cases).count(),
        "refusals": [(c, refusals.get(c.value, 0)) for c in RefusalCategory],
        "recipients": recipients_by_community(region),
    }


def recipients_by_community(region: Region) -> list[dict[str, Any]]:
    """Per community: households receiving a monthly allowance (confirmed, not
    temporary, started) and their monthly amounts (one query)."""
    today = timezone.localdate()
    receiving = Q(
        assistance_cases__state=State.CONFIRMED,
        assistance_cases__start_month__lte=today,
    ) & ~Q(assistance_cases__kind=Kind.TEMPORARY)
    rows = (
        region_communities(region)
        .annotate(
            receiving_count=Count("assistance_cases", filter=receiving),
            receiving_amount=Sum("assistance_cases__monthly_amount", filter=receiving),
        )
        .order_by("street__name", "name")
        .values("pk", "slug", "name", "receiving_count", "receiving_amount")
    )
    return [
        {
            "pk": row["pk"],
            "slug": row["slug"],
            "name": row["name"],
            "households": row["receiving_count"],
            "amount": row["receiving_amount"] or 0,
        }
        for row in rows
    ]


def confirmed_in_month(district: Region, month: datetime.date) -> list[int]:
    """Ids of the district's cases confirmed in the month of `month`."""
    start = datetime.datetime(
        month.year, month.month, 1, tzinfo=timezone.get_current_timezone()
    )
    following = (start + datetime.timedelta(days=32)).replace(day=1)
    return list(
        Case.objects.filter(
            community__street__parent=district,
            state=State.CONFIRMED,
            decided_at__gte=start,
            decided_at__lt=following,
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def spot_checks(district: Region) -> QuerySet[SpotCheck]:
    return (
        SpotCheck.objects.filter(district=district)
        .select_related("drawn_by")
        .annotate(
            size=Count("items"),
            problems=Count("items", filter=Q(items__result="problem")),
            pending=Count("items", filter=Q(items__result="pending")),
        )
        .order_by("-month", "-pk")  # Meta.ordering does not apply with GROUP BY
    )


def spot_check_items(spot_check: SpotCheck) -> QuerySet[SpotCheckItem]:
    return spot_check.items.select_related("case__community", "checked_by").order_by(
        "pk"
    )


def recipients_for_export(district: Region) -> QuerySet[Case]:
    """Confirmed cases of the district with their members (two queries)."""
    return (
        Case.objects.filter(community__street__parent=district, state=State.CONFIRMED)
        .select_related("community__street")
        .prefetch_related("members")
        .order_by("community__street__name", "community__name", "pk")
    )
