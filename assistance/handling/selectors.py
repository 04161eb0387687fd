"""Reads of the staff desk: the case lists of a community or region (a fixed
number of queries however many cases), one case with everything its page shows,
the totals of income, property and expenses, and the reads log."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone

from accounts.masking import mask_name
from assistance.cases import deadlines
from assistance.cases.models import (
    OPEN_STATES,
    Case,
    CaseEvent,
    CaseRead,
    HouseholdMember,
    Kind,
    State,
)
from assistance.standards.workdays import Calendar
from communities.models import Community, Region

LIST_FIELDS = (
    "pk",
    "tracking_number",
    "applicant_name",
    "kind",
    "state",
    "decision_due",
    "relative_registered",
    "community__name",
    "community__slug",
    "community__street_id",
    "community__street__parent_id",
)


def cases_of_community(community: Community) -> QuerySet[Case]:
    return Case.objects.filter(community=community).exclude(state="draft")


def cases_of_region(region: Region) -> QuerySet[Case]:
    return Case.objects.filter(
        community__in=Community.objects.in_region(region)
    ).exclude(state="draft")


def filtered(
    cases: QuerySet[Case],
    *,
    state: str = "",
    kind: str = "",
    overdue: bool = False,
    year: int | None = None,
    community: Community | None = None,
    on: datetime.date | None = None,
) -> QuerySet[Case]:
    """The list's filters; ordered by decision date (the most urgent first).

    `state="open"` means every open state; `year` keeps cases decided that year.
    """
    if state == "open":
        cases = cases.filter(state__in=OPEN_STATES)
    elif state:
        cases = cases.filter(state=state)
    if year:
        cases = cases.filter(decided_at__year=year)
    if kind:
        cases = cases.filter(kind=kind)
    if community is not None:
        cases = cases.filter(community=community)
    if overdue:
        cases = deadlines.overdue(cases, on)
    return (
        cases.select_related("community__street")
        .only(*LIST_FIELDS)
        .order_by("decision_due", "-submitted_at", "pk")
    )


def list_rows(cases: Any, on: datetime.date | None = None) -> list[dict[str, Any]]:
    """One row per case of a page: the case, its link and labels as text, working
    days left and overdue flag.

    One working-day calendar per district on the page (one query each), not one
    per row; the link and the labels are made once per page, not per row (the
    list is the busiest staff page)."""
    on = on or timezone.localdate()
    calendars: dict[int, Calendar] = {}
    sample = "JZ-0000-AAAAAA"
    link = reverse("assistance:case", args=[sample])
    kinds = {value: str(label) for value, label in Kind.choices}
    states = {value: str(label) for value, label in State.choices}
    rows = []
    for case in cases:
        left = None
        if case.decision_due is not None and case.state in deadlines.DEADLINE_STATES:
            district_id = case.community.street.parent_id
            calendar = calendars.setdefault(district_id, Calendar(district_id))
            if case.decision_due >= on:
                left = calendar.between(on, case.decision_due)
            else:
                left = -calendar.between(case.decision_due, on)
        overdue = bool(
            case.decision_due
            and case.decision_due < on
            and case.state in deadlines.DEADLINE_STATES
        )
        rows.append(
            {
                "case": case,
                "url": link.replace(sample, case.tracking_number),
                "kind": kinds.get(case.kind, case.kind),
                "state": states.get(case.state, case.state),
                "name": mask_name(case.applicant_name),
                "days_left": left,
                "overdue": overdue,
            }
        )
    return rows


def case_by_tracking(tracking_number: str) -> Case:
    return get_object_or_404(
        Case.objects.select_related("community__street__parent", "applicant"),
        tracking_number=tracking_number,
    )


def case_file(case: Case) -> dict[str, Any]:
    """Everything the staff case page shows of the file, with totals."""
    members = list(case.members.all())
    incomes = list(case.incomes.select_related("member"))
    properties = list(case.properties.all())
    expenses = list(case.expenses.all())
    return {
        "members": members,
        "incomes": incomes,
        "properties": properties,
        "expenses": expenses,
        "income_total": sum(
            (i.monthly_amount or Decimal(0) for i in incomes), Decimal(0)
        ),
        "property_total": sum((p.value or Decimal(0) for p in properties), Decimal(0)),
        "expense_total": sum((e.amount or Decimal(0) for e in expenses), Decimal(0)),
        "attachments": list(case.attachments.select_related("uploaded_by")),
        "events": list(
            CaseEvent.objects.filter(case=case)
            .select_related("actor")
            .order_by("at", "pk")
        ),
    }


def member_of(case: Case, pk: int) -> HouseholdMember:
    return get_object_or_404(HouseholdMember, case=case, pk=pk)


def reads_of(case: Case, limit: int = 100) -> list[CaseRead]:
    """The latest reads of the file, newest first (who, when, as what)."""
    return list(
        CaseRead.objects.filter(case=case)
        .select_related("reader")
        .order_by("-at")[:limit]
    )
