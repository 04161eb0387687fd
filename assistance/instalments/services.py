"""Schedules and releases of instalments. Keyword-only, one transaction each;
every step is a `note_step` on the case (its history and the audit log).

- `set_schedule`: the street officer replaces the instalments not yet released,
  skipped or stopped; those stay as they were. For 临时救助 the whole schedule
  adds up to the approved amount; for monthly aid it stays within the monthly
  amount times the number of instalments.
- `release`: a coordinator (or officer) ticks that the condition was checked,
  notes what was checked, and releases one instalment that is due (from
  `RELEASE_WINDOW_DAYS` before its date); the household is told the amount.
- `skip` (one instalment) and `stop` (every instalment left) need a reason.
"""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assistance.cases.models import Case, Kind
from assistance.cases.workflow import locked, note_step
from assistance.decisions.amounts import money
from assistance.instalments.models import Instalment, InstalmentState
from assistance.instalments.notify import tell_household
from assistance.publicity.selectors import current_publicity
from audit.services import record

MAX_INSTALMENTS = 24
# An instalment may be released from a week before its due date.
RELEASE_WINDOW_DAYS = 7
# New due dates: from today up to two years ahead.
LATEST_DUE_DAYS = 731
CENT = Decimal("0.01")


def _require(actor: Any, perm: str, case: Case) -> None:
    if not actor.has_perm(perm, case):
        raise PermissionDenied(_("You may not take this step on this case."))


def _written(text: str, field: str, message: str) -> str:
    text = (text or "").strip()
    if len(text) < 2:
        raise ValidationError({field: message}, code="missing")
    if len(text) > 1000:
        raise ValidationError({field: _("Keep it under 1000 characters.")})
    return text


def approved_amount(case: Case) -> tuple[Decimal | None, bool]:
    """(amount, exact): for 临时救助 the one approved amount the schedule must add
    up to; for monthly aid the monthly amount each instalment stands for. The
    amount is the confirmed one, or before confirmation the one in the 公示;
    None when neither is known yet."""
    amount = case.monthly_amount
    if amount is None:
        publicity = current_publicity(case)
        amount = publicity.amount if publicity is not None else None
    return amount, case.kind == Kind.TEMPORARY


def _clean_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    today = timezone.localdate()
    latest = today + datetime.timedelta(days=LATEST_DUE_DAYS)
    if not rows:
        raise ValidationError(_("Enter at least one instalment."), code="empty")
    if len(rows) > MAX_INSTALMENTS:
        raise ValidationError(
            _("At most %(n)d instalments.") % {"n": MAX_INSTALMENTS}, code="too_many"
        )
    cleaned = []
    for number, row in enumerate(rows, start=1):
        due_on, condition = row.get("due_on"), (row.get("condition") or "").strip()
        try:
            amount = Decimal(row.get("amount"))
        except (InvalidOperation, TypeError, ValueError):
            amount = None
        problem = None
        if not isinstance(due_on, datetime.date) or not today <= due_on <= latest:
            problem = _("its due date must be between today and two years from now")
        elif amount is None or amount <= 0 or amount != amount.quantize(CENT):
            problem = _("its amount must be more than zero, in yuan and fen")
        elif not condition or len(condition) > 300:
            problem = _("its condition must be written (up to 300 characters)")
        if problem:
            raise ValidationError(
                _("Instalment %(n)d: %(problem)s.") % {"n": number, "problem": problem},
                code="bad_row",
            )
        cleaned.append(
            {"due_on": due_on, "amount": amount.quantize(CENT), "condition": condition}
        )
    return sorted(cleaned, key=lambda r: r["due_on"])


def _check_total(case: Case, amounts: list[Decimal]) -> None:
    approved, exact = approved_amount(case)
    total = sum(amounts, Decimal("0"))
    if approved is None:
        return
    if exact and total != approved:
        raise ValidationError(
            _(
                "The instalments add up to %(total)s yuan; the approved amount is "
                "%(approved)s yuan."
            )
            % {"total": money(total), "approved": money(approved)},
            code="total",
        )
    if not exact and total > approved * len(amounts):
        raise ValidationError(
            _(
                "The instalments add up to %(total)s yuan, more than %(n)d months of "
                "%(approved)s yuan."
            )
            % {"total": money(total), "n": len(amounts), "approved": money(approved)},
            code="total",
        )


@transaction.atomic
def set_schedule(
    *, case: Case, actor: Any, rows: list[dict[str, Any]], note: str = ""
) -> list[Instalment]:
    """Replace the instalments still scheduled with `rows` (due_on, amount,
    condition); released, skipped and stopped ones are kept as they are."""
    _require(actor, "assistance.set_instalments", case)
    current = locked(case)
    kept = list(
        Instalment.objects.select_for_update()
        .filter(case=current)
        .exclude(state=InstalmentState.SCHEDULED)
    )
    if any(row.state == InstalmentState.STOPPED for row in kept):
        raise ValidationError(
            _("The instalments of this case were stopped; the schedule is closed."),
            code="stopped",
        )
    cleaned = _clean_rows(rows)
    _check_total(current, [r.amount for r in kept] + [r["amount"] for r in cleaned])
    Instalment.objects.filter(case=current, state=InstalmentState.SCHEDULED).delete()
    created = [
        Instalment.objects.create(
            case=current, position=len(kept) + index, scheduled_by=actor, **row
        )
        for index, row in enumerate(cleaned, start=1)
    ]
    lines = [f"{r.position}. {r.due_on} {money(r.amount)}" for r in created]
    note_step(
        current,
        "set_instalments",
        actor=actor,
        note="\n".join([*lines, (note or "").strip()]).strip(),
        public_note=_("Payment in instalments scheduled (%(n)d to come).")
        % {"n": len(created)},
    )
    return created


def _locked_instalment(instalment: Instalment) -> Instalment:
    row = Instalment.objects.select_for_update().get(pk=instalment.pk)
    if row.state != InstalmentState.SCHEDULED:
        raise ValidationError(
            _("Instalment %(n)d is already %(state)s.")
            % {"n": row.position, "state": row.get_state_display()},
            code="not_scheduled",
        )
    return row


@transaction.atomic
def release(
    *, instalment: Instalment, actor: Any, condition_checked: bool, check_note: str
) -> Instalment:
    """Release one due instalment after checking its condition."""
    case = instalment.case
    _require(actor, "assistance.release_instalment", case)
    if not condition_checked:
        raise ValidationError(
            {"condition_checked": _("Tick to confirm the condition was checked.")},
            code="unchecked",
        )
    check_note = _written(
        check_note, "check_note", _("Write what was checked (at least 2 characters).")
    )
    row = _locked_instalment(instalment)
    opens = row.due_on - datetime.timedelta(days=RELEASE_WINDOW_DAYS)
    if timezone.localdate() < opens:
        raise ValidationError(
            _("Instalment %(n)d is due on %(day)s; it can be released from %(opens)s.")
            % {"n": row.position, "day": row.due_on, "opens": opens},
            code="not_due",
        )
    approved, exact = approved_amount(case)
    if exact and approved is not None:
        amounts = [Decimal(r.amount) for r in Instalment.objects.filter(case=case)]
        _check_total(case, amounts)
    row.state = InstalmentState.RELEASED
    row.released_at, row.released_by, row.check_note = timezone.now(), actor, check_note
    row.save(update_fields=["state", "released_at", "released_by", "check_note"])
    text = _("Instalment %(n)d released: %(amount)s yuan.") % {
        "n": row.position,
        "amount": money(row.amount),
    }
    note_step(
        case, "release_instalment", actor=actor, note=check_note, public_note=text
    )
    record(
        actor=actor,
        action="assistance.instalment_released",
        target=case,
        community=case.community,
        data={"instalment": row.pk, "position": row.position},
    )
    tell_household(case, _("An instalment of your assistance was released"), text)
    return row


@transaction.atomic
def skip(*, instalment: Instalment, actor: Any, reason: str) -> Instalment:
    """Skip one instalment, with the reason (the others stay scheduled)."""
    case = instalment.case
    _require(actor, "assistance.release_instalment", case)
    reason = _written(reason, "reason", _("Give the reason (at least 2 characters)."))
    row = _locked_instalment(instalment)
    row.state, row.ended_at, row.ended_by = (
        InstalmentState.SKIPPED,
        timezone.now(),
        actor,
    )
    row.reason = reason
    row.save(update_fields=["state", "ended_at", "ended_by", "reason"])
    note_step(
        case,
        "skip_instalment",
        actor=actor,
        note=reason,
        public_note=_("Instalment %(n)d skipped.") % {"n": row.position},
    )
    return row


@transaction.atomic
def stop(*, case: Case, actor: Any, reason: str) -> int:
    """Stop every instalment still scheduled, with the reason; returns how many."""
    _require(actor, "assistance.release_instalment", case)
    reason = _written(reason, "reason", _("Give the reason (at least 2 characters)."))
    rows = list(
        Instalment.objects.select_for_update().filter(
            case=case, state=InstalmentState.SCHEDULED
        )
    )
    if not rows:
        raise ValidationError(_("No instalment is left to stop."), code="nothing_left")
    now = timezone.now()
    for row in rows:
        row.state, row.ended_at, row.ended_by, row.reason = (
            InstalmentState.STOPPED,
            now,
            actor,
            reason,
        )
        row.save(update_fields=["state", "ended_at", "ended_by", "reason"])
    note_step(
        case,
        "stop_instalments",
        actor=actor,
        note=reason,
        public_note=_("The remaining instalments were stopped."),
    )
    tell_household(
        case, _("The remaining instalments of your assistance were stopped"), reason
    )
    return len(rows)
