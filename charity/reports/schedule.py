"""When a project's reports are due (慈善法: public fundraising reports).

A project running longer than 6 months reports its progress every 3 months from
its start; every project files a final report within 3 months of its end. The
schedule is computed from the project period, never stored: changing the period
moves the due dates. A filed report fulfils the due date it names (kind and
number); one missing after its due date is overdue. Only projects that went
public owe reports. Progress reports that would fall due after the final report
was filed are no longer needed.

Everything here is pure (no queries): callers pass the filed reports.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from dateutil.relativedelta import relativedelta
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

PROGRESS_EVERY_MONTHS = 3
PROGRESS_ONLY_BEYOND_MONTHS = 6
FINAL_WITHIN_MONTHS = 3

PROGRESS = "progress"
FINAL = "final"
OWING_STATUSES = ("public", "closed")


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later (the month's last day when it is shorter)."""
    return day + relativedelta(months=months)


def needs_progress_reports(starts_on: datetime.date, ends_on: datetime.date) -> bool:
    """Whether the project runs longer than 6 months."""
    return ends_on > add_months(starts_on, PROGRESS_ONLY_BEYOND_MONTHS)


@dataclass
class Due:
    """One due report of a project's schedule."""

    kind: str
    sequence: int
    due_on: datetime.date
    opens_on: datetime.date
    report: Any = None
    waived: bool = False

    @property
    def key(self) -> str:
        return f"{self.kind}-{self.sequence}"

    @property
    def label(self) -> str:
        if self.kind == FINAL:
            return str(_("Final report"))
        return str(_("Progress report %(number)s")) % {"number": self.sequence}

    def status(self, on: datetime.date | None = None, *, owes: bool = True) -> str:
        """filed, filed_late, waived, overdue, due (open now) or planned."""
        on = on or timezone.localdate()
        if self.report is not None:
            filed = timezone.localdate(self.report.filed_at)
            return "filed_late" if filed > self.due_on else "filed"
        if self.waived:
            return "waived"
        if owes and on > self.due_on:
            return "overdue"
        if on >= self.opens_on:
            return "due"
        return "planned"


def due_dates(starts_on: datetime.date, ends_on: datetime.date) -> list[Due]:
    """The progress reports (if it runs over 6 months) and the final report."""
    dues: list[Due] = []
    if needs_progress_reports(starts_on, ends_on):
        number = 1
        while True:
            due_on = add_months(starts_on, PROGRESS_EVERY_MONTHS * number)
            if due_on >= ends_on:
                break
            opens_on = add_months(starts_on, PROGRESS_EVERY_MONTHS * (number - 1))
            dues.append(Due(PROGRESS, number, due_on, opens_on))
            number += 1
    dues.append(Due(FINAL, 0, add_months(ends_on, FINAL_WITHIN_MONTHS), ends_on))
    return dues


def schedule(project: Any, reports: Iterable[Any]) -> list[Due]:
    """The project's due reports, each with the report filed for it (if any)."""
    dues = due_dates(project.starts_on, project.ends_on)
    filed = {(r.kind, r.sequence): r for r in reports if r.kind in (PROGRESS, FINAL)}
    final = filed.get((FINAL, 0))
    final_on = timezone.localdate(final.filed_at) if final is not None else None
    for due in dues:
        due.report = filed.get((due.kind, due.sequence))
        if (
            due.report is None
            and due.kind == PROGRESS
            and final_on is not None
            and due.due_on > final_on
        ):
            due.waived = True
    return dues


def owes_reports(project: Any) -> bool:
    return getattr(project, "status", None) in OWING_STATUSES


def overdue(
    project: Any, reports: Iterable[Any], on: datetime.date | None = None
) -> list[Due]:
    """The project's missing reports past their due date (none for a draft)."""
    if not owes_reports(project):
        return []
    on = on or timezone.localdate()
    return [d for d in schedule(project, reports) if d.status(on) == "overdue"]


def open_dues(
    project: Any, reports: Iterable[Any], on: datetime.date | None = None
) -> list[Due]:
    """Due dates a report can be filed for today: unfilled, not waived, opened."""
    on = on or timezone.localdate()
    return [
        d
        for d in schedule(project, reports)
        if d.report is None and not d.waived and on >= d.opens_on
    ]


def schedule_with_status(
    project: Any, reports: Iterable[Any], on: datetime.date | None = None
) -> list[Due]:
    """The schedule with each due date's `current_status` (for the project page)."""
    on = on or timezone.localdate()
    owes = owes_reports(project)
    dues = schedule(project, reports)
    for due in dues:
        due.current_status = due.status(on, owes=owes)
    return dues
