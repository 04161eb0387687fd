"""Working days (工作日) for assistance deadlines: Chinese statutory holidays and
adjusted working days (调休) from the `chinese-calendar` library, then the
district's own overrides for what the library does not know (a year it does not
cover yet, a local holiday). Outside the library's years, Monday to Friday are
working days unless an override says otherwise."""

from __future__ import annotations

import datetime
import functools

import chinese_calendar

from assistance.standards.models import WorkdayOverride

# A working day is found within this many calendar days, whatever the holidays.
_SEARCH_LIMIT = 400


@functools.lru_cache(maxsize=8192)
def _library_says(day: datetime.date) -> bool:
    # Cached: the library takes a third of a millisecond a day, and a list of
    # fifty cases counts days left over hundreds of days (the bench's case list).
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:  # a year the library has no data for
        return day.weekday() < 5


class Calendar:
    """The working days of one district (overrides read once, then cached)."""

    def __init__(self, district_id: int | None) -> None:
        self.district_id = district_id
        self._overrides: dict[datetime.date, bool] | None = None

    @property
    def overrides(self) -> dict[datetime.date, bool]:
        if self._overrides is None:
            self._overrides = (
                dict(
                    WorkdayOverride.objects.filter(
                        district_id=self.district_id
                    ).values_list("date", "is_workday")
                )
                if self.district_id
                else {}
            )
        return self._overrides

    def is_workday(self, day: datetime.date) -> bool:
        if day in self.overrides:
            return self.overrides[day]
        return _library_says(day)

    def add(self, start: datetime.date, days: int) -> datetime.date:
        """The date `days` working days after `start` (start itself not counted)."""
        day, left, steps = start, days, 0
        while left > 0:
            day += datetime.timedelta(days=1)
            steps += 1
            if self.is_workday(day):
                left -= 1
            if steps > _SEARCH_LIMIT * max(days, 1):
                break
        return day

    def between(self, start: datetime.date, end: datetime.date) -> int:
        """Working days after `start` up to and including `end` (0 if end <= start)."""
        count, day = 0, start
        while day < end:
            day += datetime.timedelta(days=1)
            if self.is_workday(day):
                count += 1
        return count


def calendar_for(district_id: int | None) -> Calendar:
    return Calendar(district_id)


def add_working_days(
    district_id: int | None, start: datetime.date, days: int
) -> datetime.date:
    return Calendar(district_id).add(start, days)


def working_days_between(
    district_id: int | None, start: datetime.date, end: datetime.date
) -> int:
    return Calendar(district_id).between(start, end)
