"""Spending with receipts, and filing the reports a project owes.

Keyword-only, one transaction each, audit rows; donors and followers are notified
of a new report after commit by `notify`.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from audit.services import record
from charity.donations.selectors import money_totals
from charity.projects.models import ZERO, Project
from charity.reports import schedule
from charity.reports.models import (
    REPORT_MAX_ATTACHMENTS,
    Expenditure,
    Report,
    ReportAttachment,
)
from charity.reports.selectors import report_recipients
from communities.uploads import stored_copy
from notifications.services import notify


def _require(user: Any, perm: str, obj: Any) -> None:
    if not user.has_perm(perm, obj):
        raise PermissionDenied


@transaction.atomic
def record_expenditure(
    *,
    actor: Any,
    project: Project,
    spent_on: datetime.date,
    amount: Decimal,
    purpose: str,
    payee: str,
    receipt: Any,
    link_text: str = "",
    over_balance_reason: str = "",
) -> Expenditure:
    """Record spending; beyond the balance only with a reason shown publicly.

    The project row is locked so two spendings cannot both pass the balance check.
    """
    project = Project.objects.select_for_update().get(pk=project.pk)
    _require(actor, "charity.manage_project", project)
    if project.status == Project.Status.DRAFT:
        raise ValidationError(_("A draft project has no ledger yet."))
    if amount is None or amount <= ZERO:
        raise ValidationError({"amount": _("Enter an amount above zero.")})
    balance = money_totals(project)["balance"]
    over_balance_reason = over_balance_reason.strip()
    if amount > balance and not over_balance_reason:
        raise ValidationError(
            {
                "over_balance_reason": _(
                    "This is more than the balance (%(balance)s yuan). Record a "
                    "reason, which will be shown publicly, or spend less."
                )
                % {"balance": balance}
            }
        )
    if amount <= balance:
        over_balance_reason = ""
    expenditure = Expenditure(
        project=project,
        spent_on=spent_on,
        amount=amount,
        purpose=purpose.strip(),
        payee=payee.strip(),
        receipt=stored_copy(receipt),  # an image is re-encoded
        link_text=link_text.strip(),
        over_balance_reason=over_balance_reason,
        recorded_by=actor,
    )
    expenditure.full_clean()
    expenditure.save()
    record(
        actor=actor,
        action="charity.expenditure_recorded",
        target=expenditure,
        community=project.community,
        data={"amount": str(amount), "over_balance": bool(over_balance_reason)},
    )
    return expenditure


@transaction.atomic
def file_report(
    *,
    actor: Any,
    project: Project,
    due: str,
    title: str,
    text: str,
    attachments: list[Any] | None = None,
) -> Report:
    """File a report for one due date (`due`: "progress-2", "final-0") or an update.

    The project row is locked so two managers cannot fulfil the same due date; the
    report's donors and followers are notified.
    """
    project = Project.objects.select_for_update().get(pk=project.pk)
    _require(actor, "charity.manage_project", project)
    if project.status == Project.Status.DRAFT:
        raise ValidationError(_("A draft project files no reports yet."))
    attachments = list(attachments or [])
    errors: dict[str, Any] = {}
    if not title.strip():
        errors["title"] = _("Give the report a title.")
    if not text.strip():
        errors["text"] = _("Write the report.")
    if len(attachments) > REPORT_MAX_ATTACHMENTS:
        errors["attachments"] = _("At most %(count)s attachments.") % {
            "count": REPORT_MAX_ATTACHMENTS
        }
    if due == Report.Kind.UPDATE:
        kind, sequence, due_on = Report.Kind.UPDATE, 0, None
    else:
        open_ones = {
            d.key: d for d in schedule.open_dues(project, project.reports.all())
        }
        slot = open_ones.get(due)
        if slot is None:
            errors["due"] = _(
                "This report is not open for filing: it was filed already, is no "
                "longer needed, or its period has not begun."
            )
            kind = sequence = due_on = None
        else:
            kind, sequence, due_on = slot.kind, slot.sequence, slot.due_on
    if errors:
        raise ValidationError(errors)
    report = Report.objects.create(
        project=project,
        kind=kind,
        sequence=sequence,
        due_on=due_on,
        title=title.strip(),
        text=text.strip(),
        filed_by=actor,
    )
    for upload in attachments:
        attachment = ReportAttachment(report=report, file=stored_copy(upload))
        attachment.full_clean(exclude=["report"])
        attachment.save()
    record(
        actor=actor,
        action="charity.report_filed",
        target=report,
        community=project.community,
        data={"kind": kind, "sequence": sequence, "late": report.filed_late},
    )
    recipients = [u for u in report_recipients(project) if u.pk != actor.pk]
    if recipients:
        notify(
            recipients=recipients,
            kind="charity.report_filed",
            title=_("New report on “%(project)s”: %(title)s")
            % {"project": project.title, "title": report.title},
            url=reverse("charity:project", args=[project.community.slug, project.pk])
            + "#reports",
        )
    return report
