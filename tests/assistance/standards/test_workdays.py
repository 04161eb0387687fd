"""Working days: the holiday library for the years it knows, Monday to Friday
after that, and a district's override over both."""

from __future__ import annotations

import datetime

import pytest

from assistance.cases.deadlines import decision_due
from assistance.standards.models import WorkdayOverride
from assistance.standards.workdays import (
    Calendar,
    add_working_days,
    working_days_between,
)

from .conftest import make_case

D = datetime.date


def test_2026_national_day_holidays_and_adjusted_working_days():
    calendar = Calendar(None)
    # 2026: Mid-Autumn Friday 25 September and National Day 1-7 October off;
    # Sunday 20 September and Saturday 10 October are adjusted working days.
    assert all(not calendar.is_workday(D(2026, 10, d)) for d in range(1, 8))
    assert not calendar.is_workday(D(2026, 9, 25))
    assert calendar.is_workday(D(2026, 9, 20))
    assert calendar.is_workday(D(2026, 10, 10))
    assert add_working_days(None, D(2026, 9, 30), 1) == D(2026, 10, 8)
    # Thursday 8 October + 3 working days: Friday 9, Saturday 10, Monday 12.
    assert add_working_days(None, D(2026, 10, 8), 3) == D(2026, 10, 12)
    assert working_days_between(None, D(2026, 9, 30), D(2026, 10, 12)) == 4


def test_a_year_the_library_does_not_know_falls_back_to_monday_to_friday():
    calendar = Calendar(None)
    assert calendar.is_workday(D(2027, 10, 1))  # a Friday; no data for 2027
    assert not calendar.is_workday(D(2027, 10, 2))  # Saturday
    # Friday 1 October 2027 + 5 working days = Friday 8 October.
    assert add_working_days(None, D(2027, 10, 1), 5) == D(2027, 10, 8)


@pytest.mark.django_db
def test_a_district_override_wins_over_library_and_weekdays(place):
    district = place["district"]
    WorkdayOverride.objects.create(
        district=district, date=D(2027, 10, 4), is_workday=False
    )
    WorkdayOverride.objects.create(
        district=district, date=D(2027, 10, 9), is_workday=True
    )
    WorkdayOverride.objects.create(
        district=district, date=D(2026, 10, 5), is_workday=True
    )
    calendar = Calendar(district.pk)
    assert not calendar.is_workday(D(2027, 10, 4))  # a Monday made a holiday
    assert calendar.is_workday(D(2027, 10, 9))  # a Saturday made a working day
    assert calendar.is_workday(D(2026, 10, 5))  # over the library's holiday
    # Friday 1 October 2027 + 1 working day: Monday 4 without the override,
    # Tuesday 5 with Monday made a holiday.
    assert add_working_days(district.pk, D(2027, 10, 1), 1) == D(2027, 10, 5)
    assert add_working_days(None, D(2027, 10, 1), 1) == D(2027, 10, 4)
    # Another district is not affected.
    assert Calendar(None).is_workday(D(2027, 10, 4))


@pytest.mark.django_db
def test_25_working_days_from_acceptance(place):
    case = make_case(place["community"])
    # Accepted Monday 7 September 2026: 8-11 (4), 14-18 (9), Sunday 20 (10),
    # 21-24 (14), 25 off, 28-30 (17), 1-7 October off, 8-10 (20), 12-16 (25).
    due = decision_due(case, D(2026, 9, 7))
    assert due == D(2026, 10, 16)
    assert working_days_between(None, D(2026, 9, 7), due) == 25
    # In 2027 (no library data): Monday 6 September + 25 weekdays = 11 October.
    assert decision_due(case, D(2027, 9, 6)) == D(2027, 10, 11)
