"""Decision deadlines in working days (assistance/cases/deadlines.py) with the
2026 statutory holidays and adjusted working days of `chinese-calendar`.

Accepted on Monday 2026-09-28: the Mid-autumn and National Day holidays run
1-7 October, Saturday 10 October is an adjusted working day (调休)."""

from __future__ import annotations

import datetime

import pytest

from assistance.cases import deadlines
from assistance.cases.models import Kind
from assistance.standards.models import WorkdayOverride
from assistance.standards.selectors import settings_for

D = datetime.date
ACCEPTED = D(2026, 9, 28)


def test_a_decision_is_due_25_working_days_after_acceptance(case):
    # 29, 30 Sep; 8, 9, 10 (Saturday, 调休), 12-16, 19-23, 26-30 Oct; 2-6 Nov.
    assert deadlines.decision_due(case, ACCEPTED) == D(2026, 11, 6)


def test_without_the_holidays_it_would_have_been_a_month_earlier(case):
    # Monday to Friday only: 25 working days after 28 Sep is 2 November.
    assert deadlines.decision_due(case, ACCEPTED) > D(2026, 11, 2)


def test_temporary_assistance_is_due_in_15_working_days(make_case):
    case = make_case(kind=Kind.TEMPORARY)
    assert deadlines.decision_due(case, ACCEPTED) == D(2026, 10, 23)


def test_an_extension_gives_40_working_days(case):
    assert deadlines.decision_due(case, ACCEPTED, extended=True) == D(2026, 11, 27)


def test_a_district_override_moves_the_deadline(case, district):
    WorkdayOverride.objects.create(
        district=district, date=D(2026, 11, 6), is_workday=False, note="区假日"
    )
    assert deadlines.decision_due(case, ACCEPTED) == D(2026, 11, 9)


def test_another_districts_override_does_not(case):
    from tests.support.actors import elsewhere

    WorkdayOverride.objects.create(
        district=elsewhere().street.parent, date=D(2026, 11, 6), is_workday=False
    )
    assert deadlines.decision_due(case, ACCEPTED) == D(2026, 11, 6)


def test_the_numbers_come_from_the_districts_settings(case, district):
    policy = settings_for(district)
    policy.decision_working_days = 3
    policy.save()
    # 29, 30 Sep, then 8 Oct after the holidays.
    assert deadlines.decision_due(case, ACCEPTED) == D(2026, 10, 8)


@pytest.mark.parametrize(
    ("state", "late"),
    [
        ("accepted", True),
        ("publicity", True),
        ("submitted", False),
        ("confirmed", False),
        ("refused", False),
    ],
)
def test_overdue_counts_open_cases_past_their_date(make_case, state, late):
    case = make_case(state, accepted_on=ACCEPTED)
    type(case).objects.filter(pk=case.pk).update(decision_due=D(2026, 11, 6))
    found = deadlines.overdue(type(case).objects.all(), on=D(2026, 11, 9))
    assert (case in found) is late
    assert case not in deadlines.overdue(type(case).objects.all(), on=D(2026, 11, 6))


def test_working_days_left_counts_down_and_goes_negative(case):
    type(case).objects.filter(pk=case.pk).update(decision_due=D(2026, 10, 9))
    case.refresh_from_db()
    assert deadlines.working_days_left(case, on=ACCEPTED) == 4
    assert deadlines.working_days_left(case, on=D(2026, 10, 9)) == 0
    assert deadlines.working_days_left(case, on=D(2026, 10, 13)) == -3
    case.decision_due = None
    assert deadlines.working_days_left(case) is None
