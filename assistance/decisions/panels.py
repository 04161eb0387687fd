"""The decision panel of the staff case page: confirm (with the deadline and
what blocks it), refuse, the refusal and appeal, the district's exceptions."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from assistance.cases.models import Case, Kind
from assistance.cases.rules import is_case_officer, is_case_supervisor
from assistance.decisions import selectors
from assistance.decisions.forms import (
    AmountForm,
    AppealAnswerForm,
    ExceptionForm,
    RefusalForm,
    next_month,
)
from assistance.decisions.models import Appeal, DistrictException, Refusal
from assistance.decisions.services import confirmation_blockers


def decision_panel(request: Any, case: Case) -> dict[str, Any] | None:
    user = request.user
    if not (is_case_officer(user, case) or is_case_supervisor(user, case)):
        return None
    may = {
        name: user.has_perm(f"assistance.{name}", case)
        for name in ("confirm_case", "refuse_case", "decide_appeal", "grant_exception")
    }
    refusals = list(Refusal.objects.filter(case=case).select_related("decided_by"))
    appeal = Appeal.objects.filter(case=case).first()
    exceptions = list(DistrictException.objects.filter(case=case))
    if not (any(may.values()) or refusals or appeal or exceptions):
        return None
    due = selectors.confirmation_due(case) if may["confirm_case"] else None
    return {
        "case": case,
        "may": may,
        "blockers": confirmation_blockers(case) if may["confirm_case"] else [],
        "due": due,
        "overdue": bool(due and due < timezone.localdate()),
        "repeat_warning": selectors.earlier_temporary(case).exists(),
        "ask_amount": case.kind == Kind.TEMPORARY,
        "confirm_form": AmountForm(initial={"start_month": next_month()}),
        "refuse_form": RefusalForm(),
        "appeal_form": AppealAnswerForm(),
        "exception_form": ExceptionForm(),
        "refusals": refusals,
        "appeal": appeal,
        "exceptions": exceptions,
        "next": request.get_full_path(),
    }
