"""Periodic review (动态管理) and acting on warnings. Keyword-only, one
transaction each, permission checked here; every step is in the case history
(`note_step` / `transition`) and the audit log.

- `record_review` (the community's coordinator): the visit, the changed income
  items and members (old values kept in the review's history), the amount
  recalculated with part 1's calculation; the next review is scheduled.
- `decide_review` (the street officer): apply the recalculated amount from a
  month (increase, decrease or unchanged), keep the amount, or stop (停发, the
  `stop` step, CONFIRMED → STOPPED); the household is told the outcome, the new
  amount and the reasons.
- `act_on_warning` (the coordinator): what was done, which closes the warning.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assistance.cases.models import Case, HouseholdMember, Kind, Relationship
from assistance.cases.workflow import note_step, transition
from assistance.decisions import amounts
from assistance.monitoring.models import (
    AmountChange,
    EarlyWarning,
    Outcome,
    Review,
    ReviewSchedule,
    WarningAction,
    WarningReason,
)
from assistance.monitoring.notify import tell_household
from assistance.monitoring.schedule import REVIEWABLE_KINDS, schedule_review
from audit.services import record

ZERO = Decimal("0.00")


@dataclass
class Changes:
    """What the coordinator found changed (see forms.ReviewForm.changes)."""

    incomes: dict[int, Decimal] = field(default_factory=dict)  # item pk -> new
    leaving: set[int] = field(default_factory=set)  # member pks
    able: set[int] = field(default_factory=set)  # member pks able to work
    new_member: dict[str, Any] | None = None  # name, relationship, birth_year, able
    expenses: Decimal = ZERO


def _require(actor: Any, perm: str, case: Case) -> None:
    if not actor.has_perm(perm, case):
        raise PermissionDenied(_("You may not take this step on this case."))


def _written(text: str, name: str, minimum: int = 10) -> str:
    text = (text or "").strip()
    if len(text) < minimum:
        raise ValidationError(
            {name: _("Write at least %(n)d characters.") % {"n": minimum}}
        )
    return text[:4000]


def first_of_next_month(on: datetime.date | None = None) -> datetime.date:
    on = on or timezone.localdate()
    return (on.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)


def recalculate(case: Case, month: datetime.date) -> amounts.Amount:
    """The amount with part 1's calculation (assistance.decisions.amounts), from
    the standard in force in `month` and the case's current members and income."""
    if case.kind == Kind.LOW_INCOME:
        return amounts.low_income()
    standard = amounts.standard_for(case, month)
    size = case.members.count()
    if case.kind == Kind.SPECIAL_HARDSHIP:
        return amounts.special_hardship(
            per_person=standard.special_hardship_amount, persons=size
        )
    return amounts.dibao(
        standard=standard.monthly_amount,
        household_size=size,
        income=amounts.household_income(case),
    )


def previous_expenses(case: Case) -> Decimal:
    """Large expenses as last recorded: the last review's, else the application's."""
    last = case.reviews.order_by("-recorded_at", "-pk").first()
    if last is not None:
        return Decimal(last.expenses_after)
    return sum((Decimal(e.amount or 0) for e in case.expenses.all()), ZERO)


def _apply_changes(case: Case, changes: Changes) -> dict[str, Any]:
    """Write the new values on the case; return the old and new for the history."""
    history: dict[str, Any] = {"incomes": [], "members_left": [], "able_to_work": []}
    for item in case.incomes.select_related("member"):
        new = changes.incomes.get(item.pk)
        if new is not None and Decimal(new) != Decimal(item.monthly_amount):
            history["incomes"].append(
                {
                    "kind": item.kind,
                    "member": item.member.name if item.member else "",
                    "old": f"{Decimal(item.monthly_amount):.2f}",
                    "new": f"{Decimal(new):.2f}",
                }
            )
            item.monthly_amount = new
            item.save(update_fields=["monthly_amount"])
    for member in case.members.all():
        if member.pk in changes.leaving:
            if member.relationship == Relationship.SELF:
                raise ValidationError(
                    _("The applicant cannot leave the household; stop instead.")
                )
            history["members_left"].append(
                {"name": member.name, "relationship": member.relationship}
            )
            member.delete()  # their income items go with them
            continue
        able = member.pk in changes.able
        if able != member.able_to_work:
            history["able_to_work"].append({"name": member.name, "new": able})
            member.able_to_work = able
            member.save(update_fields=["able_to_work"])
    if changes.new_member:
        added = HouseholdMember.objects.create(case=case, **changes.new_member)
        history["member_added"] = {
            "name": added.name,
            "relationship": added.relationship,
        }
    return history


@transaction.atomic
def record_review(
    *,
    case: Case,
    actor: Any,
    visited_on: datetime.date,
    findings: str,
    changes: Changes,
) -> Review:
    """The coordinator's periodic review; waits for the street's decision."""
    _require(actor, "assistance.record_review", case)
    if case.kind not in REVIEWABLE_KINDS:
        raise ValidationError(_("Only recipients are reviewed."))
    if visited_on > timezone.localdate():
        raise ValidationError({"visited_on": _("The visit cannot be in the future.")})
    findings = _written(findings, "findings", minimum=4)
    if Review.objects.filter(case=case, outcome=Outcome.PENDING).exists():
        raise ValidationError(
            _("A review of this case is already waiting for a decision.")
        )
    income_before = amounts.household_income(case)
    members_before = case.members.count()
    expenses_before = previous_expenses(case)
    history = _apply_changes(case, changes)
    if not case.members.exists():
        raise ValidationError(_("The household has no members."))
    result = recalculate(case, first_of_next_month())
    review = Review.objects.create(
        case=case,
        community_id=case.community_id,
        visited_on=visited_on,
        findings=findings,
        history=json.dumps(history, ensure_ascii=False),
        income_before=income_before,
        income_after=amounts.household_income(case),
        expenses_before=expenses_before,
        expenses_after=changes.expenses,
        members_before=members_before,
        members_after=case.members.count(),
        amount_before=case.monthly_amount or ZERO,
        proposed_amount=result.value,
        calculation=result.calculation,
        recorded_by=actor,
    )
    note_step(case, "periodic_review", actor=actor, note=findings)
    schedule_review(case, counted_from=visited_on)
    return review


def _outcome(old: Decimal, new: Decimal) -> str:
    if new > old:
        return Outcome.INCREASE
    if new < old:
        return Outcome.DECREASE
    return Outcome.UNCHANGED


def _change_amount(
    case: Case, review: Review, *, new: Decimal, month: datetime.date, actor: Any
) -> None:
    old = case.monthly_amount or ZERO
    AmountChange.objects.create(
        case=case,
        review=review,
        old_amount=old,
        new_amount=new,
        from_month=month,
        reason=review.reasons,
        decided_by=actor,
    )
    case.monthly_amount = new
    fields = ["monthly_amount"]
    if new:
        case.amount_calculation = review.calculation
        fields.append("amount_calculation")
    case.save(update_fields=fields)
    record(
        actor=actor,
        action="assistance.amount_changed",
        target=case,
        community=case.community,
        data={"old": str(old), "new": str(new), "from": month.isoformat()},
    )


DECISIONS = ("apply", "keep", "stop")


@transaction.atomic
def decide_review(
    *,
    review: Review,
    actor: Any,
    decision: str,
    reasons: str,
    from_month: datetime.date | None = None,
) -> Review:
    """The street officer's decision on a recorded review."""
    case = review.case
    _require(actor, "assistance.decide_review", case)
    review = Review.objects.select_for_update().get(pk=review.pk)
    if not review.is_pending:
        raise ValidationError(_("This review is already decided."))
    if decision not in DECISIONS:
        raise ValidationError({"decision": _("Choose a decision.")})
    review.reasons = _written(reasons, "reasons")
    month = (from_month or first_of_next_month()).replace(day=1)
    if month < timezone.localdate().replace(day=1):
        raise ValidationError(
            {"from_month": _("The new amount starts this month or later.")}
        )
    old = Decimal(case.monthly_amount or ZERO)
    new = Decimal(review.proposed_amount)
    if decision == "apply" and not new and case.kind in ("dibao", "tekun"):
        raise ValidationError(
            {"decision": _("The recalculated amount is zero: stop the assistance.")}
        )
    if decision == "stop":
        transition(
            case,
            "stop",
            actor=actor,
            note=review.reasons,
            public_note=_("Assistance stopped from %(month)s.")
            % {"month": f"{month:%Y-%m}"},
            data={"review": review.pk, "from": month.isoformat()},
        )
        review.outcome = Outcome.STOP
        _change_amount(case, review, new=ZERO, month=month, actor=actor)
        ReviewSchedule.objects.filter(case=case).delete()
        open_warning(
            case,
            WarningReason.STOPPED,
            detail=_("Assistance stopped after a review: %(reasons)s")
            % {"reasons": review.reasons},
            review=review,
        )
    else:
        review.outcome = _outcome(old, new) if decision == "apply" else "unchanged"
        if review.outcome != Outcome.UNCHANGED:
            _change_amount(case, review, new=new, month=month, actor=actor)
        note_step(
            case,
            "review_decided",
            actor=actor,
            note=review.reasons,
            public_note=str(Outcome(review.outcome).label),
        )
    review.from_month = month
    review.decided_by = actor
    review.decided_at = timezone.now()
    review.save(
        update_fields=["outcome", "reasons", "from_month", "decided_by", "decided_at"]
    )
    tell_household(case, review)
    return review


def open_warning(
    case: Case,
    reason: str,
    *,
    detail: str = "",
    review: Review | None = None,
) -> EarlyWarning | None:
    """Open a warning unless one for this case and reason is open already."""
    if EarlyWarning.objects.filter(
        case=case, reason=reason, closed_at__isnull=True
    ).exists():
        return None
    warning = EarlyWarning.objects.create(
        case=case,
        community_id=case.community_id,
        reason=reason,
        detail=detail,
        review=review,
    )
    record(
        actor=None,
        action="assistance.warning_opened",
        target=case,
        community=case.community,
        data={"reason": reason, "warning": warning.pk},
    )
    return warning


@transaction.atomic
def act_on_warning(
    *, warning: EarlyWarning, actor: Any, action: str, note: str
) -> EarlyWarning:
    """Record what was done about a warning, which closes it."""
    if not actor.has_perm("assistance.act_on_warning", warning):
        raise PermissionDenied(_("You may not act on this warning."))
    warning = EarlyWarning.objects.select_for_update().get(pk=warning.pk)
    if not warning.is_open:
        raise ValidationError(_("This warning is already closed."))
    if action not in WarningAction.values:
        raise ValidationError({"action": _("Choose what was done.")})
    warning.action = action
    warning.action_note = _written(note, "note", minimum=4)
    warning.closed_by = actor
    warning.closed_at = timezone.now()
    warning.save(update_fields=["action", "action_note", "closed_by", "closed_at"])
    record(
        actor=actor,
        action="assistance.warning_closed",
        target=warning.case,
        community=warning.community,
        data={"warning": warning.pk, "reason": warning.reason, "action": action},
    )
    return warning
