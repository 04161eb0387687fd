"""Decisions: confirming a case after its 公示 (amount and first month), refusing
it with a category and written reasons, the district's answer to an appeal, and
the district's recorded exceptions. Keyword-only, one transaction each; every
step goes through `workflow.transition` (who, when) and tells the applicant."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assistance.cases.models import Case
from assistance.cases.notify import tell_applicant
from assistance.cases.workflow import note_step, transition
from assistance.decisions import amounts, selectors
from assistance.decisions.models import (
    Appeal,
    DistrictException,
    Refusal,
    RefusalCategory,
)
from assistance.publicity.selectors import current_publicity, pending_objections
from assistance.publicity.services import withdraw_showing
from assistance.standards.selectors import district_of, settings_for
from assistance.standards.workdays import add_working_days
from audit.services import record

GRANTABLE = (
    DistrictException.Kind.REPEAT_TEMPORARY,
    DistrictException.Kind.ABOVE_LIMIT,
)


def _require(actor: Any, perm: str, case: Case) -> None:
    if not actor.has_perm(perm, case):
        raise PermissionDenied(_("You may not take this step on this case."))


def _written(text: str, field: str, minimum: int = 10) -> str:
    text = (text or "").strip()
    if len(text) < minimum:
        raise ValidationError(
            {field: _("Write at least %(n)d characters.") % {"n": minimum}},
            code="too_short",
        )
    if len(text) > 4000:
        raise ValidationError({field: _("Keep it under 4000 characters.")})
    return text


def confirmation_blockers(case: Case, on: datetime.date | None = None) -> list[str]:
    """Why the case cannot be confirmed now (empty when it can)."""
    on = on or timezone.localdate()
    problems = []
    publicity = current_publicity(case)
    if publicity is None:
        problems.append(_("The case has no public notice."))
    elif on <= publicity.ends_on:
        problems.append(
            _("The public notice runs until %(day)s; confirm after it ends.")
            % {"day": publicity.ends_on}
        )
    if pending_objections(case).exists():
        problems.append(_("An objection to the public notice is still pending."))
    if selectors.district_visit_missing(case):
        problems.append(
            _(
                "The applicant is a registered close relative of staff: a "
                "district-level home visit must be recorded before confirmation."
            )
        )
    if selectors.repeat_blocked(case):
        problems.append(
            _(
                "The household already received temporary assistance for the same "
                "cause this year: the district supervisor must record an exception."
            )
        )
    return problems


@transaction.atomic
def confirm_case(
    *,
    case: Case,
    actor: Any,
    start_month: datetime.date,
    amount: Decimal | None = None,
) -> Case:
    """Confirm after a 公示 without a pending objection; set the amount."""
    _require(actor, "assistance.confirm_case", case)
    problems = confirmation_blockers(case)
    if problems:
        raise ValidationError(problems, code="blocked")
    start_month = start_month.replace(day=1)
    result = amounts.amount_for(
        case,
        start_month=start_month,
        entered=amount,
        above_limit_granted=selectors.has_exception(
            case, DistrictException.Kind.ABOVE_LIMIT
        ),
    )
    current = transition(
        case,
        "confirm",
        actor=actor,
        note=result.calculation,
        public_note=_("Confirmed: %(amount)s yuan.")
        % {"amount": amounts.money(result.value)},
        data={"amount": str(result.value), "start_month": start_month.isoformat()},
    )
    current.monthly_amount = result.value
    current.amount_calculation = result.calculation
    current.start_month = start_month
    current.decided_at = timezone.now()
    current.save(
        update_fields=[
            "monthly_amount",
            "amount_calculation",
            "start_month",
            "decided_at",
        ]
    )
    tell_applicant(
        current,
        _("Your application is approved"),
        _("Amount: %(calc)s, from %(month)s.")
        % {"calc": result.calculation, "month": f"{start_month:%Y-%m}"},
    )
    return current


@transaction.atomic
def refuse_case(*, case: Case, actor: Any, category: str, reasons: str) -> Refusal:
    """Refuse with a category and written reasons; the applicant is told at once."""
    _require(actor, "assistance.refuse_case", case)
    if category not in RefusalCategory.values:
        raise ValidationError({"category": _("Choose the main reason.")})
    reasons = _written(reasons, "reasons")
    district = district_of(case.community)
    today = timezone.localdate()
    transition(
        case,
        "refuse",
        actor=actor,
        note=reasons,
        public_note=_("Refused: %(category)s.")
        % {"category": RefusalCategory(category).label},
        data={"category": category},
    )
    withdraw_showing(case=case, actor=actor)
    refusal = Refusal.objects.create(
        case=case,
        category=category,
        reasons=reasons,
        decided_by=actor,
        notice_due=add_working_days(
            district.pk, today, settings_for(district).refusal_notice_working_days
        ),
    )
    case.decided_at = timezone.now()
    case.save(update_fields=["decided_at"])
    if tell_applicant(
        case,
        _("Your application is refused"),
        _("Reason: %(category)s. %(reasons)s You may appeal once to the district.")
        % {"category": RefusalCategory(category).label, "reasons": reasons},
    ):
        refusal.notified_at = timezone.now()
        refusal.save(update_fields=["notified_at"])
    return refusal


@transaction.atomic
def decide_appeal(*, case: Case, actor: Any, uphold: bool, answer: str) -> Appeal:
    """The district upholds (a new investigation) or dismisses (the refusal is final)."""
    _require(actor, "assistance.decide_appeal", case)
    answer = _written(answer, "answer")
    appeal = Appeal.objects.select_for_update().filter(case=case).first()
    if appeal is None or appeal.outcome != Appeal.Outcome.PENDING:
        raise ValidationError(_("There is no pending appeal on this case."))
    appeal.outcome = Appeal.Outcome.UPHELD if uphold else Appeal.Outcome.DISMISSED
    appeal.answer = answer
    appeal.decided_by = actor
    appeal.decided_at = timezone.now()
    appeal.save(update_fields=["outcome", "answer", "decided_by", "decided_at"])
    transition(
        case,
        "uphold_appeal" if uphold else "dismiss_appeal",
        actor=actor,
        note=answer,
        public_note=appeal.get_outcome_display(),
        data={"appeal": appeal.pk},
    )
    tell_applicant(case, _("The district decided your appeal"), answer)
    return appeal


@transaction.atomic
def grant_exception(
    *, case: Case, actor: Any, kind: str, reason: str
) -> DistrictException:
    """The district supervisor records an exception, with the reason (audited)."""
    _require(actor, "assistance.grant_exception", case)
    if kind not in GRANTABLE:
        raise ValidationError({"kind": _("Choose an exception.")})
    reason = _written(reason, "reason")
    if selectors.has_exception(case, kind):
        raise ValidationError(
            {"kind": _("This exception is already recorded on the case.")}
        )
    exception = DistrictException.objects.create(
        case=case, kind=kind, reason=reason, granted_by=actor
    )
    note_step(case, f"exception_{kind}", actor=actor, note=reason)
    record(
        actor=actor,
        action="assistance.exception_granted",
        target=case,
        community=case.community,
        data={"kind": kind, "exception": exception.pk},
    )
    return exception
