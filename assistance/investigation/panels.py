"""The investigation's panels on the staff case page: home visits (with the
second visitor's signature), the financial check, 民主评议, the review opinion."""

from __future__ import annotations

from typing import Any

from assistance.cases.models import State
from assistance.cases.panels import Panel
from assistance.cases.rules import is_case_supervisor
from assistance.handling.pages import kept_form
from assistance.investigation import selectors
from assistance.investigation.forms import (
    AppraisalForm,
    CheckForm,
    ReviewForm,
    VisitForm,
)


def visit_context(request: Any, case: Any) -> dict[str, Any] | None:
    user = request.user
    visits = selectors.visits_of(case)
    may = user.has_perm("assistance.record_visit", case) and (
        case.state == State.ACCEPTED or is_case_supervisor(user, case)
    )
    if not visits and not may:
        return None
    form = None
    if may:
        district = bool(is_case_supervisor(user, case))
        form = kept_form(request, "visit") or VisitForm(
            candidates=selectors.second_visitors(case, user, district=district),
            district=district,
        )
    to_sign = [
        v.pk for v in visits if v.staff_2_id == user.pk and not v.staff_2_signed_at
    ]
    return {"visits": visits, "form": form, "to_sign": to_sign}


def check_context(request: Any, case: Any) -> dict[str, Any] | None:
    checks = selectors.checks_of(case)
    may = request.user.has_perm("assistance.record_check", case)
    if not checks and not may:
        return None
    form = (kept_form(request, "check") or CheckForm()) if may else None
    return {"checks": checks, "form": form}


def appraisal_context(request: Any, case: Any) -> dict[str, Any] | None:
    appraisals = selectors.appraisals_of(case)
    may = request.user.has_perm("assistance.record_appraisal", case)
    if not appraisals and not may:
        return None
    form = (kept_form(request, "appraisal") or AppraisalForm()) if may else None
    return {"appraisals": appraisals, "form": form}


def review_context(request: Any, case: Any) -> dict[str, Any] | None:
    opinions = selectors.opinions_of(case)
    may = request.user.has_perm("assistance.review_case", case)
    if not opinions and not may:
        return None
    form = (kept_form(request, "review") or ReviewForm()) if may else None
    return {"opinions": opinions, "form": form}


PANELS = (
    Panel(
        key="visit",
        template="assistance/investigation/_visits.html",
        context=visit_context,
        order=30,
    ),
    Panel(
        key="check",
        template="assistance/investigation/_check.html",
        context=check_context,
        order=31,
    ),
    Panel(
        key="appraisal",
        template="assistance/investigation/_appraisal.html",
        context=appraisal_context,
        order=40,
    ),
    Panel(
        key="review",
        template="assistance/investigation/_review.html",
        context=review_context,
        order=50,
    ),
)
