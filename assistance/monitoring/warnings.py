"""The daily early-warning job (返贫预警), idempotent: one open warning per case
and reason, and each review's figures compared once.

- income fell: the latest review recorded a monthly income lower than before by
  more than the district's `warning_income_drop_share`;
- expenses rose: large expenses higher than last recorded by more than
  `warning_expense_rise_share` (any new expense when there were none);
- an elderly person (60+, from the year of birth or the ID number) living alone
  on a confirmed case with no visit (part 1's home visits, review visits, or a
  warning closed as "visited") in `warning_no_visit_days` days.

A stopped recipient is warned at once by `services.decide_review`.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.db.models import Count, Exists, OuterRef, Subquery
from django.tasks import task
from django.utils import timezone
from django.utils.translation import gettext as _

from assistance.cases.models import Case, State
from assistance.investigation.models import HomeVisit
from assistance.monitoring.models import (
    EarlyWarning,
    Review,
    WarningAction,
    WarningReason,
)
from assistance.monitoring.schedule import REVIEWABLE_KINDS, ensure_schedules
from assistance.monitoring.services import open_warning
from assistance.standards.selectors import settings_for

ELDERLY_AGE = 60


def _settings(cache: dict[int, Any], case: Case) -> Any:
    district_id = case.community.street.parent_id
    if district_id not in cache:
        cache[district_id] = settings_for(district_id)
    return cache[district_id]


def _share(before: Decimal, after: Decimal) -> Decimal | None:
    """How much `after` changed against `before` (None when before is zero)."""
    return (after - before) / before if before else None


def _percent(value: Decimal) -> str:
    return f"{abs(value) * 100:.0f}%"


def check_review(review: Review, conf: Any) -> list[EarlyWarning]:
    """Warnings from one review's figures."""
    opened = []
    income = _share(Decimal(review.income_before), Decimal(review.income_after))
    if income is not None and -income > conf.warning_income_drop_share:
        opened.append(
            open_warning(
                review.case,
                WarningReason.INCOME_DROP,
                detail=_("Monthly income fell by %(share)s at the review of %(day)s.")
                % {"share": _percent(income), "day": review.visited_on},
                review=review,
            )
        )
    before, after = Decimal(review.expenses_before), Decimal(review.expenses_after)
    rise = _share(before, after)
    if (rise is None and after > 0) or (
        rise is not None and rise > conf.warning_expense_rise_share
    ):
        opened.append(
            open_warning(
                review.case,
                WarningReason.EXPENSE_RISE,
                detail=_("Large expenses rose from %(before)s to %(after)s yuan.")
                % {"before": before, "after": after},
                review=review,
            )
        )
    return [w for w in opened if w is not None]


def from_reviews() -> int:
    cache: dict[int, Any] = {}
    count = 0
    reviews = Review.objects.filter(warnings_checked=False).select_related(
        "case__community__street"
    )
    for review in reviews.iterator(chunk_size=200):
        count += len(check_review(review, _settings(cache, review.case)))
        Review.objects.filter(pk=review.pk).update(warnings_checked=True)
    return count


def age_of(member: Any, today: datetime.date) -> int | None:
    """From the ID number (18 digits: birth date at 7–14) or the year of birth."""
    number = (member.id_number or "").strip()
    if len(number) == 18 and number[6:14].isdigit():
        try:
            born = datetime.date(
                int(number[6:10]), int(number[10:12]), int(number[12:14])
            )
        except ValueError:
            born = None
        if born is not None:
            return (
                today.year
                - born.year
                - ((today.month, today.day) < (born.month, born.day))
            )
    if member.birth_year:
        return today.year - member.birth_year
    return None


def _last(model: Any, date_field: str, **extra: Any) -> Subquery:
    return Subquery(
        model.objects.filter(case=OuterRef("pk"), **extra)
        .order_by(f"-{date_field}")
        .values(date_field)[:1]
    )


def last_visit(case: Case) -> datetime.date:
    """The latest of the annotated visits and the confirmation."""
    days = [
        case.last_home_visit,
        case.last_review_visit,
        timezone.localdate(case.last_warning_visit)
        if case.last_warning_visit
        else None,
        timezone.localdate(case.decided_at) if case.decided_at else None,
    ]
    return max((d for d in days if d is not None), default=timezone.localdate())


def alone_without_visit(today: datetime.date) -> int:
    """Warn for elderly people living alone on a confirmed case, not visited."""
    recent = EarlyWarning.objects.filter(
        case=OuterRef("pk"),
        reason=WarningReason.ALONE_NO_VISIT,
        opened_at__gte=timezone.now() - datetime.timedelta(days=365),
    ).order_by("-opened_at")
    cases = (
        Case.objects.filter(state=State.CONFIRMED, kind__in=REVIEWABLE_KINDS)
        .annotate(size=Count("members"))
        .filter(size=1)
        .annotate(
            last_home_visit=_last(HomeVisit, "visited_on"),
            last_review_visit=_last(Review, "visited_on"),
            last_warning_visit=_last(
                EarlyWarning, "closed_at", action=WarningAction.VISITED
            ),
            last_warned=Subquery(recent.values("opened_at")[:1]),
            warned_open=Exists(
                EarlyWarning.objects.filter(
                    case=OuterRef("pk"),
                    reason=WarningReason.ALONE_NO_VISIT,
                    closed_at__isnull=True,
                )
            ),
        )
        .filter(warned_open=False)
        .select_related("community__street")
        .prefetch_related("members")
    )
    cache: dict[int, Any] = {}
    count = 0
    for case in cases:
        member = case.members.all()[0]
        age = age_of(member, today)
        if age is None or age < ELDERLY_AGE:
            continue
        days = _settings(cache, case).warning_no_visit_days
        dates = [last_visit(case)]
        if case.last_warned:
            dates.append(timezone.localdate(case.last_warned))
        since = max(dates)
        if (today - since).days <= days:
            continue
        if open_warning(
            case,
            WarningReason.ALONE_NO_VISIT,
            detail=_("%(age)s years old, living alone, last visit %(day)s.")
            % {"age": age, "day": last_visit(case)},
        ):
            count += 1
    return count


def forget_anonymised(days: int = 7) -> None:
    """Blank the free texts of reviews and warnings of cases the retention job
    anonymised lately (assistance.privacy; amounts and outcomes are kept)."""
    since = timezone.now() - datetime.timedelta(days=days)
    anonymised = {"case__anonymised_at__gte": since}
    Review.objects.filter(**anonymised).update(findings="", history="", reasons="")
    EarlyWarning.objects.filter(**anonymised).update(detail="", action_note="")


def compute_warnings(today: datetime.date | None = None) -> int:
    """Schedule new recipients and open today's warnings; returns how many."""
    today = today or timezone.localdate()
    ensure_schedules()
    opened = from_reviews() + alone_without_visit(today)
    forget_anonymised()
    return opened


@task
def compute_warnings_daily() -> int:
    """The daily job (registered in assistance.monitoring.registration)."""
    return compute_warnings()
