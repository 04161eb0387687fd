"""The staff desk's steps: accepting a case, asking once for everything missing
(一次性告知), extending the decision deadline once with a reason, and telling
the community's coordinators and the street's officers that a case came in.

The caller (a view) has checked the permission; each service checks the state
and the rule it owns, and writes everything in one transaction."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assistance.cases import deadlines
from assistance.cases.models import Case, MissingItemsRequest, State
from assistance.cases.notify import tell_applicant
from assistance.cases.workflow import locked, note_step, transition
from communities.models import Role
from communities.selectors import role_holders
from notifications.services import notify

KIND_CASE_SUBMITTED = "assistance.case_submitted"
KIND_CASE_SUBMITTED_LABEL = gettext_lazy("A new assistance case to handle")

# At most this many free lines in one request for missing items.
MAX_FREE_LINES = 20


def case_url(case: Case) -> str:
    return reverse("assistance:case", args=[case.tracking_number])


def staff_of(case: Case) -> Any:
    """The case's community coordinators and its street's assistance officers."""
    coordinators = role_holders(roles=[Role.AID_COORDINATOR], community=case.community)
    officers = role_holders(roles=[Role.AID_OFFICER], region=case.community.street_id)
    return (coordinators | officers).distinct()


def notify_staff_of_submission(case: Case) -> list:
    """Tell the coordinators and street officers a case was (re)submitted.

    Called by the applications concern when an application is submitted."""
    return notify(
        recipients=list(staff_of(case)),
        kind=KIND_CASE_SUBMITTED,
        title=_("New assistance case %(number)s in %(community)s")
        % {"number": case.tracking_number, "community": case.community.name},
        url=case_url(case),
    )


@transaction.atomic
def accept_case(*, case: Case, actor: Any) -> Case:
    """Accept a submitted case: the decision is due in working days from today."""
    current = transition(case, "accept", actor=actor)
    today = timezone.localdate()
    current.accepted_on = today
    current.decision_due = deadlines.decision_due(current, today)
    current.save(update_fields=["accepted_on", "decision_due"])
    case.accepted_on, case.decision_due = current.accepted_on, current.decision_due
    tell_applicant(
        current,
        _("Your application %(number)s is accepted") % {"number": case.tracking_number},
        _("A decision is due by %(date)s.")
        % {"date": f"{current.decision_due:%Y-%m-%d}"},
    )
    return current


def _clean_items(standard: Iterable[str], free_lines: Iterable[str]) -> list[str]:
    items: list[str] = []
    for item in [*standard, *free_lines]:
        item = " ".join(str(item).split())[:200]
        if item and item not in items:
            items.append(item)
    return items


@transaction.atomic
def request_missing_items(
    *,
    case: Case,
    actor: Any,
    standard: Iterable[str] = (),
    free_lines: Iterable[str] = (),
    note: str = "",
) -> MissingItemsRequest:
    """Ask once, all together, for everything missing; the case is returned."""
    current = locked(case)
    if MissingItemsRequest.objects.filter(case=current).exists():
        raise ValidationError(
            _(
                "Missing items were already asked for on this case: they are asked "
                "for once, all together."
            ),
            code="already_asked",
        )
    free = list(free_lines)
    if len(free) > MAX_FREE_LINES:
        raise ValidationError(
            {"free_lines": _("At most %(n)s lines.") % {"n": MAX_FREE_LINES}}
        )
    items = _clean_items(standard, free)
    if not items:
        raise ValidationError(
            {"standard": _("Tick or write at least one missing item.")},
            code="no_items",
        )
    note = (note or "").strip()[:2000]
    request = MissingItemsRequest.objects.create(
        case=current, items=items, note=note, requested_by=actor
    )
    listing = "; ".join(items)
    transition(
        current,
        "return",
        actor=actor,
        note=note,
        public_note=(_("Missing: %(items)s") % {"items": listing})[:300],
        data={"items": len(items)},
    )
    case.state = State.RETURNED
    body = "\n".join(f"- {item}" for item in items)
    tell_applicant(
        current,
        _("Your application %(number)s needs more documents")
        % {"number": case.tracking_number},
        f"{body}\n\n{note}".strip(),
    )
    return request


@transaction.atomic
def extend_deadline(*, case: Case, actor: Any, reason: str) -> Case:
    """Extend the decision deadline once, with a recorded reason."""
    current = locked(case)
    reason = (reason or "").strip()
    if current.extension_reason:
        raise ValidationError(
            _("The deadline of this case was already extended once."),
            code="already_extended",
        )
    if current.state not in deadlines.DEADLINE_STATES or not current.accepted_on:
        raise ValidationError(
            _("Only the deadline of an accepted, undecided case can be extended."),
            code="wrong_state",
        )
    if len(reason) < 10:
        raise ValidationError(
            {"reason": _("Give the reason for the extension (at least 10 characters).")}
        )
    current.extension_reason = reason[:2000]
    current.decision_due = deadlines.decision_due(
        current, current.accepted_on, extended=True
    )
    current.save(update_fields=["extension_reason", "decision_due"])
    case.extension_reason, case.decision_due = reason, current.decision_due
    note_step(current, "extend_deadline", actor=actor, note=reason)
    return current
