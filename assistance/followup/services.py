"""The follow-up plan of a case: add an item (kind, what, owner, due date; the
owner is told) and mark it done with a note. Keyword-only, one transaction each,
recorded on the case (`note_step`) and in the audit log."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from assistance.cases.models import Case
from assistance.cases.rules import is_case_coordinator, is_case_officer
from assistance.cases.workflow import note_step
from assistance.followup.models import FollowUpItem, FollowUpKind
from audit.services import record
from communities.models import Role
from communities.roles.selectors import role_holders
from notifications.services import notify

KIND_FOLLOW_UP = "assistance.follow_up"
LATEST_DUE_DAYS = 731


def _require(actor: Any, case: Case) -> None:
    if not actor.has_perm("assistance.manage_follow_up", case):
        raise PermissionDenied(_("You may not take this step on this case."))


def possible_owners(case: Case) -> QuerySet:
    """The coordinators of the case's community and the officers of its street."""
    return (
        role_holders(roles=[Role.AID_COORDINATOR], community=case.community_id)
        | role_holders(roles=[Role.AID_OFFICER], region=case.community.street_id)
    ).order_by("pk")


def _text(value: str, field: str, message: str, limit: int = 1000) -> str:
    value = (value or "").strip()
    if len(value) < 2:
        raise ValidationError({field: message}, code="missing")
    if len(value) > limit:
        raise ValidationError(
            {field: _("Keep it under %(n)d characters.") % {"n": limit}}
        )
    return value


@transaction.atomic
def add_item(
    *,
    case: Case,
    actor: Any,
    kind: str,
    what: str,
    owner: Any,
    due_on: datetime.date,
) -> FollowUpItem:
    _require(actor, case)
    if kind not in FollowUpKind.values:
        raise ValidationError({"kind": _("Choose what kind of follow-up it is.")})
    what = _text(what, "what", _("Write what is to be done (at least 2 characters)."))
    if owner is None or not (
        is_case_coordinator(owner, case) or is_case_officer(owner, case)
    ):
        raise ValidationError(
            {"owner": _("Choose a coordinator or officer who handles this case.")},
            code="owner",
        )
    today = timezone.localdate()
    if not isinstance(due_on, datetime.date) or not (
        today <= due_on <= today + datetime.timedelta(days=LATEST_DUE_DAYS)
    ):
        raise ValidationError(
            {"due_on": _("The due date must be between today and two years from now.")}
        )
    item = FollowUpItem.objects.create(
        case=case, kind=kind, what=what, owner=owner, due_on=due_on, created_by=actor
    )
    note_step(
        case,
        "plan_follow_up",
        actor=actor,
        note=f"{item.get_kind_display()}: {what} ({owner}, {due_on})",
    )
    record(
        actor=actor,
        action="assistance.follow_up_planned",
        target=case,
        community=case.community,
        data={"item": item.pk, "kind": kind, "owner": owner.pk},
    )
    notify(
        recipients=owner,
        kind=KIND_FOLLOW_UP,
        title=_("Follow-up for you on case %(number)s")
        % {"number": case.tracking_number},
        body=_("%(kind)s, due by %(day)s.")
        % {"kind": item.get_kind_display(), "day": due_on.isoformat()},
        url=reverse("assistance:case", args=[case.tracking_number]),
    )
    return item


@transaction.atomic
def complete_item(*, item: FollowUpItem, actor: Any, note: str) -> FollowUpItem:
    case = item.case
    _require(actor, case)
    note = _text(note, "note", _("Write what was done (at least 2 characters)."))
    row = FollowUpItem.objects.select_for_update().get(pk=item.pk)
    if row.done_at is not None:
        raise ValidationError(_("This item is already done."), code="done")
    row.done_at, row.done_by, row.done_note = timezone.now(), actor, note
    row.save(update_fields=["done_at", "done_by", "done_note"])
    note_step(
        case,
        "follow_up_done",
        actor=actor,
        note=f"{row.get_kind_display()}: {note}",
    )
    return row
