"""Reading what a decision depends on: the district's exceptions, the repeat
rule for 临时救助, the district visit a registered relative needs, and the
confirmation deadline after the 公示 (with `confirmation_overdue` for the
dashboards)."""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from assistance.cases.models import Case, Kind, State
from assistance.decisions.models import DistrictException
from assistance.investigation.models import HomeVisit
from assistance.publicity.models import Publicity, PublicityObjection
from assistance.publicity.selectors import clock_restarted_on, current_publicity
from assistance.standards.selectors import district_of, settings_for
from assistance.standards.workdays import Calendar


def has_exception(case: Case, kind: str) -> bool:
    return DistrictException.objects.filter(case=case, kind=kind).exists()


def earlier_temporary(case: Case, year: int | None = None) -> QuerySet[Case]:
    """Confirmed 临时救助 for the same household (or applicant) and cause this year.

    Empty unless the case is 临时救助; a case with neither household, account nor
    phone cannot be matched.
    """
    if case.kind != Kind.TEMPORARY:
        return Case.objects.none()
    if case.household_id:
        same = Q(household_id=case.household_id)
    elif case.applicant_id:
        same = Q(applicant_id=case.applicant_id)
    elif case.phone_digest:
        same = Q(phone_digest=case.phone_digest)
    else:
        return Case.objects.none()
    return (
        Case.objects.filter(
            same,
            kind=Kind.TEMPORARY,
            temporary_cause=case.temporary_cause,
            state=State.CONFIRMED,
            decided_at__year=year or timezone.localdate().year,
        )
        .exclude(pk=case.pk)
        .order_by("-decided_at")
    )


def repeat_blocked(case: Case) -> bool:
    """A second 临时救助 for the same cause this year, without the exception."""
    return earlier_temporary(case).exists() and not has_exception(
        case, DistrictException.Kind.REPEAT_TEMPORARY
    )


def district_visit_missing(case: Case) -> bool:
    """A registered close relative's case has no signed district-level home
    visit yet."""
    return (
        case.relative_registered
        and not HomeVisit.objects.filter(
            case=case,
            by_district=True,
            staff_1_signed_at__isnull=False,
            staff_2_signed_at__isnull=False,
        ).exists()
    )


def confirmation_due(case: Case) -> datetime.date | None:
    """The last day to confirm: N working days after the 公示 ended (the clock
    stops while an objection is pending), or None without a notice."""
    publicity = current_publicity(case)
    if publicity is None:
        return None
    district = district_of(case.community)
    days = settings_for(district).confirm_after_publicity_working_days
    return Calendar(district.pk).add(clock_restarted_on(publicity), days)


def _latest_end_overdue(calendar: Calendar, days: int, on: datetime.date):
    """The latest 公示 end date whose confirmation deadline is before `on`."""
    end = on - datetime.timedelta(days=1)
    while calendar.add(end, days) >= on:
        end -= datetime.timedelta(days=1)
    return end


def confirmation_overdue(
    cases: QuerySet[Case], on: datetime.date | None = None
) -> QuerySet[Case]:
    """Cases in 公示 whose notice ended more than the district's N working days
    ago, with no objection pending: a few queries per district, whatever the rows.

    (An objection dismissed after the end restarts the clock on the case page;
    this list counts from the end of the notice.)"""
    on = on or timezone.localdate()
    in_publicity = cases.filter(state=State.PUBLICITY)
    districts = set(
        in_publicity.values_list("community__street__parent_id", flat=True).distinct()
    )
    late = Q(pk__in=[])
    for district_id in districts:
        days = settings_for(district_id).confirm_after_publicity_working_days
        cutoff = _latest_end_overdue(Calendar(district_id), days, on)
        late |= Q(
            community__street__parent_id=district_id,
            pk__in=Publicity.objects.filter(
                withdrawn_at__isnull=True, ends_on__lte=cutoff
            ).values("case_id"),
        )
    pending = PublicityObjection.objects.filter(
        outcome=PublicityObjection.Outcome.PENDING
    ).values("publicity__case_id")
    return in_publicity.filter(late).exclude(pk__in=pending)
