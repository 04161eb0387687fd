"""Building assistance cases for tests: a case walked to any state through the
real state machine (`assistance.cases.workflow.transition`), so every case a
test starts from has the history a real one would have.

The fixtures in tests/assistance/conftest.py wrap `make_case`; tests that need
cases outside those fixtures (benchmarks, demo checks) call it directly.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone

from assistance.cases.access import phone_digest
from assistance.cases.deadlines import decision_due
from assistance.cases.models import Case, HouseholdMember, IncomeItem, Kind, State
from assistance.cases.workflow import transition

# The actions that bring a new (draft) case to each state, in order.
PATH_TO: dict[str, tuple[str, ...]] = {
    State.DRAFT: (),
    State.SUBMITTED: ("submit",),
    State.RETURNED: ("submit", "return"),
    State.ACCEPTED: ("submit", "accept"),
    State.INVESTIGATED: ("submit", "accept", "investigate"),
    State.APPRAISED: ("submit", "accept", "investigate", "appraise"),
    State.REVIEWED: ("submit", "accept", "investigate", "review"),
    State.PUBLICITY: ("submit", "accept", "investigate", "review", "publish"),
    State.CONFIRMED: (
        "submit",
        "accept",
        "investigate",
        "review",
        "publish",
        "confirm",
    ),
    State.REFUSED: ("submit", "accept", "investigate", "review", "refuse"),
    State.APPEALED: ("submit", "accept", "investigate", "review", "refuse", "appeal"),
    State.WITHDRAWN: ("submit", "withdraw"),
    State.STOPPED: (
        "submit",
        "accept",
        "investigate",
        "review",
        "publish",
        "confirm",
        "stop",
    ),
}

# Who takes each step when a test walks a case (keys of `make_case`'s `staff`).
STEP_TAKER = {
    "submit": "applicant",
    "resubmit": "applicant",
    "appeal": "applicant",
    "withdraw": "applicant",
    "return": "coordinator",
    "accept": "coordinator",
    "investigate": "coordinator",
    "appraise": "coordinator",
    "review": "officer",
    "publish": "officer",
    "reinvestigate": "officer",
    "confirm": "officer",
    "refuse": "officer",
    "stop": "officer",
    "uphold_appeal": "supervisor",
    "dismiss_appeal": "supervisor",
}


def make_case(
    *,
    community,
    state: str = State.SUBMITTED,
    household=None,
    applicant=None,
    staff: dict[str, Any] | None = None,
    kind: str = Kind.MINIMUM_LIVING,
    members: list[tuple[str, str]] | None = None,
    incomes: list[tuple[str, Decimal | str]] | None = None,
    accepted_on: datetime.date | None = None,
    **fields: Any,
) -> Case:
    """A case of `community` in `state`, walked there step by step.

    `members` are (name, relationship) pairs; the default is the applicant
    alone. `incomes` are (kind, yuan per month) pairs, all on the first member.
    `staff` maps "applicant" / "coordinator" / "officer" / "supervisor" to the
    people who take the steps (see STEP_TAKER); missing ones act anonymously.
    When the case passes acceptance, `accepted_on` (default today) and its
    decision date are set as the acceptance service would.
    """
    staff = {"applicant": applicant, **(staff or {})}
    name = getattr(applicant, "real_name", "") or "张三明"
    if kind == Kind.TEMPORARY:
        fields.setdefault("temporary_cause", "emergency")
    phone = fields.pop("applicant_phone", "13800138000")
    case = Case.objects.create(
        community=community,
        household=household,
        applicant=applicant,
        applicant_name=fields.pop("applicant_name", name),
        applicant_phone=phone,
        phone_digest=phone_digest(phone),
        filed_by=fields.pop("filed_by", applicant),
        kind=kind,
        reason=fields.pop("reason", "因病致贫"),
        **fields,
    )
    people = [
        HouseholdMember.objects.create(
            case=case,
            name=member_name,
            relationship=relationship,
            user=applicant if relationship == "self" else None,
        )
        for member_name, relationship in (members or [(name, "self")])
    ]
    for income_kind, amount in incomes or []:
        IncomeItem.objects.create(
            case=case,
            member=people[0] if people else None,
            kind=income_kind,
            monthly_amount=Decimal(str(amount)),
        )
    for action in PATH_TO[state]:
        case = transition(case, action, actor=staff.get(STEP_TAKER[action]))
        if action == "submit":
            case.submitted_at = timezone.now()
            case.save(update_fields=["submitted_at"])
        if action == "accept":
            case.accepted_on = accepted_on or timezone.localdate()
            case.decision_due = decision_due(case, case.accepted_on)
            case.save(update_fields=["accepted_on", "decision_due"])
    return case
