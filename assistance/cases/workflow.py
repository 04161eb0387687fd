"""The case's state machine: which action moves a case from which states to
which, and the one function that makes a move (`transition`). Every step is
recorded as a `CaseEvent` (who, when, note) and in the audit log; no step can be
skipped because no other code writes `Case.state`.

    draft ─submit→ submitted ─accept→ accepted ─investigate→ investigated
    submitted ─return→ returned ─resubmit→ submitted
    investigated ─appraise→ appraised        (optional 民主评议)
    investigated|appraised ─review→ reviewed (street opinion)
    reviewed ─publish→ publicity ─confirm→ confirmed
    publicity ─reinvestigate→ accepted       (objection upheld: new visit, new 公示)
    reviewed|publicity ─refuse→ refused ─appeal→ appealed
    appealed ─uphold_appeal→ accepted, appealed ─dismiss_appeal→ refused
    any open state before a decision ─withdraw→ withdrawn
    confirmed ─stop→ stopped                 (停发, after a periodic review)
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assistance.cases.models import CLOSED_STATES, Case, CaseEvent, State
from audit.services import record

_BEFORE_DECISION = (
    State.DRAFT,
    State.SUBMITTED,
    State.RETURNED,
    State.ACCEPTED,
    State.INVESTIGATED,
    State.APPRAISED,
    State.REVIEWED,
    State.PUBLICITY,
)

# action -> (states it may start from, state it leads to)
TRANSITIONS: dict[str, tuple[tuple[str, ...], str]] = {
    "submit": ((State.DRAFT,), State.SUBMITTED),
    "return": ((State.SUBMITTED,), State.RETURNED),
    "resubmit": ((State.RETURNED,), State.SUBMITTED),
    "accept": ((State.SUBMITTED,), State.ACCEPTED),
    "investigate": ((State.ACCEPTED,), State.INVESTIGATED),
    "appraise": ((State.INVESTIGATED,), State.APPRAISED),
    "review": ((State.INVESTIGATED, State.APPRAISED), State.REVIEWED),
    "publish": ((State.REVIEWED,), State.PUBLICITY),
    "reinvestigate": ((State.PUBLICITY,), State.ACCEPTED),
    "confirm": ((State.PUBLICITY,), State.CONFIRMED),
    "refuse": ((State.REVIEWED, State.PUBLICITY), State.REFUSED),
    "appeal": ((State.REFUSED,), State.APPEALED),
    "uphold_appeal": ((State.APPEALED,), State.ACCEPTED),
    "dismiss_appeal": ((State.APPEALED,), State.REFUSED),
    "withdraw": (_BEFORE_DECISION, State.WITHDRAWN),
    "stop": ((State.CONFIRMED,), State.STOPPED),
}


def allowed(case: Case, action: str) -> bool:
    sources, _target = TRANSITIONS[action]
    return case.state in sources


def locked(case: Case) -> Case:
    """The case re-read under a row lock (call inside a transaction)."""
    return Case.objects.select_for_update().get(pk=case.pk)


@transaction.atomic
def transition(
    case: Case,
    action: str,
    *,
    actor: Any,
    note: str = "",
    public_note: str = "",
    data: dict[str, Any] | None = None,
) -> Case:
    """Move the case by `action`, or refuse with a ValidationError.

    The caller has checked the permission; this checks the state (under a row
    lock, so two officers cannot both move the same case) and records the step.
    Returns the locked, updated case; fields the caller set on its own copy are
    not saved here.
    """
    sources, target = TRANSITIONS[action]
    current = locked(case)
    if current.state not in sources:
        raise ValidationError(
            _("This step is not possible while the case is “%(state)s”.")
            % {"state": current.get_state_display()},
            code="wrong_state",
        )
    previous = current.state
    current.state = target
    now = timezone.now()
    fields = ["state"]
    if target in CLOSED_STATES:
        current.closed_at = now
        fields.append("closed_at")
    elif current.closed_at is not None:
        current.closed_at = None
        fields.append("closed_at")
    current.save(update_fields=fields)
    case.state, case.closed_at = current.state, current.closed_at
    CaseEvent.objects.create(
        case=current,
        action=action,
        from_state=previous,
        to_state=target,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        at=now,
        note=note,
        public_note=public_note,
    )
    record(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=f"assistance.{action}",
        target=current,
        community=current.community,
        data={"from": previous, "to": target, **(data or {})},
    )
    return current


def note_step(
    case: Case, action: str, *, actor: Any, note: str = "", public_note: str = ""
) -> CaseEvent:
    """Record a step that does not change the state (a visit, a check, a request
    for missing items, an extension), in the case history and the audit log."""
    event = CaseEvent.objects.create(
        case=case,
        action=action,
        from_state=case.state,
        to_state=case.state,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        note=note,
        public_note=public_note,
    )
    record(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=f"assistance.{action}",
        target=case,
        community=case.community,
        data={"state": case.state},
    )
    return event
