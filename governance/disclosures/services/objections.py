"""Objections (质询): verified residents file them with a tracking number; the
committee answers within `objection_answer_days`, else the objection escalates to
the street officer; the asker accepts or reopens once."""

from __future__ import annotations

import datetime
from typing import Any

import rules
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import record
from communities.models import Role
from communities.selectors import committee_members, role_holders
from governance.disclosures.models import (
    Objection,
)
from governance.disclosures.pages import DisclosurePage
from governance.disclosures.services.base import (
    KIND_OBJECTION_ANSWERED,
    KIND_OBJECTION_ESCALATED,
    KIND_OBJECTION_FILED,
    OBJECTION_MAX_LENGTH,
    OBJECTION_MIN_LENGTH,
    OBJECTIONS_PER_DAY,
    require_permission,
)
from notifications.services import notify


# ---------------------------------------------------------------------------
# Objections (质询/异议)
# ---------------------------------------------------------------------------
def _tracking_number(objection: Objection) -> str:
    return f"ZX{timezone.localdate(objection.created_at):%Y%m%d}-{objection.pk:05d}"


@transaction.atomic
def file_objection(
    *, actor: Any, page: DisclosurePage, text: str, line_id: str = ""
) -> Objection:
    """A verified resident questions a disclosure, or one line of its finance table."""
    community = page.community_of_disclosure()
    require_permission(rules.has_perm("governance.file_objection", actor, community))
    if not page.live:
        raise ValidationError(_("Only published disclosures can be questioned."))
    text = (text or "").strip()
    if len(text) < OBJECTION_MIN_LENGTH:
        raise ValidationError(
            {"text": _("Write your question in a few words at least.")}
        )
    if len(text) > OBJECTION_MAX_LENGTH:
        raise ValidationError({"text": _("Keep it under 2000 characters.")})
    line_label = ""
    line_id = (line_id or "").strip()
    if line_id:
        lines = {line.id: line for line in page.finance_lines()}
        if line_id not in lines:
            raise ValidationError(
                {"line_id": _("That line is not in this disclosure.")}
            )
        line = lines[line_id]
        line_label = f"{line.item} ({line.amount})"[:200]
    # One filing at a time per person, so concurrent requests cannot pass the
    # daily limit together.
    get_user_model().objects.select_for_update().filter(pk=actor.pk).first()
    since = timezone.now() - datetime.timedelta(days=1)
    if (
        Objection.objects.filter(asker=actor, created_at__gte=since).count()
        >= OBJECTIONS_PER_DAY
    ):
        raise ValidationError(
            _("You have filed %(n)d questions today; please wait until tomorrow.")
            % {"n": OBJECTIONS_PER_DAY}
        )
    now = timezone.now()
    objection = Objection.objects.create(
        community=community,
        page=page,
        line_id=line_id,
        line_label=line_label,
        asker=actor,
        text=text,
        created_at=now,
        answer_due_on=timezone.localdate(now)
        + datetime.timedelta(days=community.policy.objection_answer_days),
    )
    objection.tracking_number = _tracking_number(objection)
    objection.save(update_fields=["tracking_number"])
    record(
        actor=actor,
        action="governance.objection.file",
        target=objection,
        community=community,
        data={"page": page.pk, "line": line_id},
    )
    notify(
        recipients=list(committee_members(community)),
        kind=KIND_OBJECTION_FILED,
        title=_("A question on %(title)s (%(number)s)")
        % {"title": page.title, "number": objection.tracking_number},
        url=f"/{community.slug}/objections/{objection.pk}/",
    )
    return objection


def _locked(objection: Objection) -> Objection:
    return (
        Objection.objects.select_for_update()
        .select_related("community", "page")
        .get(pk=objection.pk)
    )


@transaction.atomic
def answer_objection(*, actor: Any, objection: Objection, answer: str) -> Objection:
    """The committee answers publicly."""
    objection = _locked(objection)
    require_permission(
        rules.has_perm("governance.answer_objection", actor, objection.community)
    )
    if not objection.is_open:
        raise ValidationError(_("This question is not waiting for an answer."))
    answer = (answer or "").strip()
    if len(answer) < OBJECTION_MIN_LENGTH:
        raise ValidationError({"answer": _("Write an answer.")})
    if len(answer) > OBJECTION_MAX_LENGTH:
        raise ValidationError({"answer": _("Keep it under 2000 characters.")})
    objection.answer = answer
    objection.answered_by = actor
    objection.answered_at = timezone.now()
    objection.status = Objection.Status.ANSWERED
    objection.save(update_fields=["answer", "answered_by", "answered_at", "status"])
    record(
        actor=actor,
        action="governance.objection.answer",
        target=objection,
        community=objection.community,
    )
    notify(
        recipients=[objection.asker],
        kind=KIND_OBJECTION_ANSWERED,
        title=_("Your question %(number)s was answered")
        % {"number": objection.tracking_number},
        body=answer[:300],
        url=f"/{objection.community.slug}/objections/{objection.pk}/",
    )
    return objection


@transaction.atomic
def accept_answer(*, actor: Any, objection: Objection) -> Objection:
    objection = _locked(objection)
    if objection.asker_id != actor.pk:
        raise PermissionDenied(_("Only the person who asked can do this."))
    if objection.status != Objection.Status.ANSWERED:
        raise ValidationError(_("There is no answer to accept."))
    objection.status = Objection.Status.ACCEPTED
    objection.accepted_at = timezone.now()
    objection.save(update_fields=["status", "accepted_at"])
    return objection


@transaction.atomic
def reopen_objection(*, actor: Any, objection: Objection, reason: str) -> Objection:
    """The asker is not satisfied: reopened once, with a new answer due date."""
    objection = _locked(objection)
    if objection.asker_id != actor.pk:
        raise PermissionDenied(_("Only the person who asked can do this."))
    if not objection.may_reopen:
        raise ValidationError(
            _("This question cannot be reopened (only once, after an answer).")
        )
    reason = (reason or "").strip()
    if len(reason) < OBJECTION_MIN_LENGTH or len(reason) > OBJECTION_MAX_LENGTH:
        raise ValidationError({"reason": _("Say why the answer does not satisfy you.")})
    objection.status = Objection.Status.REOPENED
    objection.reopen_reason = reason
    objection.reopened_at = timezone.now()
    objection.escalated_at = None
    objection.answer_due_on = timezone.localdate() + datetime.timedelta(
        days=objection.community.policy.objection_answer_days
    )
    objection.save(
        update_fields=[
            "status",
            "reopen_reason",
            "reopened_at",
            "escalated_at",
            "answer_due_on",
        ]
    )
    record(
        actor=actor,
        action="governance.objection.reopen",
        target=objection,
        community=objection.community,
    )
    notify(
        recipients=list(committee_members(objection.community_id)),
        kind=KIND_OBJECTION_FILED,
        title=_("Question %(number)s was reopened")
        % {"number": objection.tracking_number},
        url=f"/{objection.community.slug}/objections/{objection.pk}/",
    )
    return objection


def escalate_objections(today: datetime.date | None = None) -> int:
    """Objections past their answer date go to the street officer's queue (daily job)."""
    today = today or timezone.localdate()
    due = list(
        Objection.objects.past_due(today)
        .filter(escalated_at__isnull=True)
        .select_related("community", "page")
    )
    for objection in due:
        with transaction.atomic():
            claimed = Objection.objects.filter(
                pk=objection.pk, escalated_at__isnull=True
            ).update(escalated_at=timezone.now())
            if not claimed:
                continue
            notify(
                recipients=list(
                    role_holders(
                        roles=[Role.STREET_OFFICER],
                        region=objection.community.street_id,
                    )
                ),
                kind=KIND_OBJECTION_ESCALATED,
                title=_("Unanswered question %(number)s in %(community)s")
                % {
                    "number": objection.tracking_number,
                    "community": objection.community.name,
                },
                body=_("The answer was due on %(date)s.")
                % {"date": objection.answer_due_on.isoformat()},
                url="/oversight/escalated-objections/",
            )
    return len(due)
