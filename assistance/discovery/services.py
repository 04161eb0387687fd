"""Filing a report of a household in difficulty, recording the visit and its
outcome, and escalating reports not visited in time. The reporter is told only
that their report was received and, when signed in, that it was handled: never
a detail of what was found or done."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.phone import normalise_phone
from assistance.applications.services import start_proxy_application
from assistance.cases.models import Case, Kind
from assistance.discovery.models import Capacity, Outcome, Report, Urgency
from assistance.standards.selectors import settings_for
from assistance.standards.workdays import calendar_for
from audit.services import record
from communities.models import Community, Role
from communities.roles.selectors import role_holders
from notifications.services import notify

KIND_REPORT_NEW = "assistance.report_new"
KIND_REPORT_NEW_LABEL = gettext_lazy("Reports of households that may need help")
KIND_REPORT_HANDLED = "assistance.report_handled"
KIND_REPORT_HANDLED_LABEL = gettext_lazy("My reports of households in difficulty")
KIND_REPORT_ESCALATED = "assistance.report_escalated"
KIND_REPORT_ESCALATED_LABEL = gettext_lazy(
    "Reports of households in difficulty not visited in time"
)
NOTES_REQUIRED = (Outcome.NO_NEED, Outcome.SERVICE)


def report_url(report: Report) -> str:
    return reverse("assistance:report", args=[report.community.slug, report.pk])


def visit_due(community: Community, urgency: str, at: datetime.datetime):
    """When a visit is due: urgent reports within the district's hours, others
    by the end of the district's working day that many working days later."""
    district_id = community.street.parent_id
    rules = settings_for(district_id)
    if urgency == Urgency.URGENT:
        return at + datetime.timedelta(hours=rules.report_urgent_hours)
    day = calendar_for(district_id).add(
        timezone.localdate(at), rules.report_working_days
    )
    end = datetime.datetime.combine(day, datetime.time(23, 59, 59))
    return timezone.make_aware(end)


@transaction.atomic
def file_report(
    *,
    community: Community,
    reporter: Any,
    place: str,
    seen: str,
    urgency: str,
    capacity: str,
    phone: str = "",
    source: str = "",
) -> Report:
    """A new report; the community's coordinators are told privately."""
    signed_in = getattr(reporter, "is_authenticated", False)
    if not signed_in:
        reporter, capacity = None, Capacity.ANONYMOUS
        if not phone:
            raise ValidationError(
                {"phone": _("Give a phone number so the coordinator can call you.")}
            )
    elif capacity == Capacity.ANONYMOUS:
        capacity = Capacity.RESIDENT
    if urgency not in Urgency.values or capacity not in Capacity.values:
        raise ValidationError(_("Choose one of the options."))
    now = timezone.now()
    report = Report.objects.create(
        community=community,
        place=place.strip(),
        seen=seen.strip(),
        urgency=urgency,
        reporter=reporter,
        reporter_phone=normalise_phone(phone) if phone else "",
        capacity=capacity,
        source=source[:60],
        created_at=now,
        visit_due=visit_due(community, urgency, now),
    )
    record(
        actor=reporter,
        action="assistance.report_filed",
        target=report,
        community=community,
        data={"urgency": urgency, "capacity": capacity, "source": report.source},
    )
    coordinators = role_holders(roles=[Role.AID_COORDINATOR], community=community)
    title = (
        _("Urgent report %(reference)s: a household may need help")
        if urgency == Urgency.URGENT
        else _("Report %(reference)s: a household may need help")
    ) % {"reference": report.reference}
    notify(
        recipients=list(coordinators),
        kind=KIND_REPORT_NEW,
        title=title,
        body=_("Visit by %(due)s.")
        % {"due": f"{timezone.localtime(report.visit_due):%Y-%m-%d %H:%M}"},
        url=report_url(report),
    )
    return report


@dataclass
class VisitData:
    visited_at: datetime.datetime
    outcome: str
    note: str = ""
    applicant_name: str = ""
    applicant_phone: str = ""
    kind: str = ""


def _check_visit(report: Report, data: VisitData) -> None:
    if report.handled_at is not None:
        raise ValidationError(_("This report has already been handled."))
    if data.outcome not in Outcome.values:
        raise ValidationError({"outcome": _("Choose one of the options.")})
    if data.visited_at > timezone.now() + datetime.timedelta(minutes=5):
        raise ValidationError({"visited_at": _("The visit cannot be in the future.")})
    if data.visited_at < report.created_at - datetime.timedelta(minutes=5):
        raise ValidationError(
            {"visited_at": _("The visit cannot be before the report.")}
        )
    if data.outcome in NOTES_REQUIRED and not data.note.strip():
        raise ValidationError({"note": _("Write what was found and why.")})
    if data.outcome == Outcome.APPLICATION and not data.applicant_name.strip():
        raise ValidationError({"applicant_name": _("Give the applicant's name.")})
    if data.outcome == Outcome.APPLICATION and data.kind not in Kind.values:
        raise ValidationError({"kind": _("Choose the type of assistance.")})


def _draft_application(report: Report, actor: Any, data: VisitData) -> Case:
    """代办: a draft case filed on the household's behalf, with what is known."""
    case = start_proxy_application(
        filer=actor,
        community=report.community,
        service_point=report.community.name,
        kind=data.kind,
        applicant_name=data.applicant_name.strip(),
        applicant_phone=data.applicant_phone,
    )
    case.reason = _("Found through report %(reference)s.\n%(seen)s\n%(note)s") % {
        "reference": report.reference,
        "seen": report.seen,
        "note": data.note.strip(),
    }
    case.save(update_fields=["reason"])
    return case


@transaction.atomic
def record_visit(*, report: Report, actor: Any, data: VisitData) -> Report:
    """The visit and its outcome, in one step; the signed-in reporter is told
    it was handled (not how)."""
    report = Report.objects.select_for_update().get(pk=report.pk)
    _check_visit(report, data)
    if data.outcome == Outcome.APPLICATION:
        report.case = _draft_application(report, actor, data)
    report.visited_at = data.visited_at
    report.visited_by = actor
    report.outcome = data.outcome
    report.outcome_note = data.note.strip()
    report.handled_at = timezone.now()
    report.save()
    record(
        actor=actor,
        action="assistance.report_visited",
        target=report,
        community=report.community,
        data={
            "outcome": report.outcome,
            "in_time": report.answered_in_time,
            "case": report.case.tracking_number if report.case else "",
        },
    )
    if report.reporter_id is not None:
        notify(
            recipients=report.reporter,
            kind=KIND_REPORT_HANDLED,
            title=_("Your report %(reference)s has been handled")
            % {"reference": report.reference},
            body=_(
                "Thank you. The community's assistance coordinator has followed it up."
            ),
        )
    return report


def escalate_overdue_reports(now: datetime.datetime | None = None) -> int:
    """Scheduled: each report past its visit time without a visit goes to the
    street's assistance officers, once (a conditional update claims it)."""
    now = now or timezone.now()
    escalated = 0
    due = Report.objects.overdue(now).filter(escalated_at__isnull=True)
    for report in due.select_related("community").order_by("pk")[:500]:
        with transaction.atomic():
            claimed = Report.objects.filter(
                pk=report.pk, escalated_at__isnull=True, visited_at__isnull=True
            ).update(escalated_at=now)
            if not claimed:
                continue
            report.escalated_at = now
            record(
                actor=None,
                action="assistance.report_escalated",
                target=report,
                community=report.community,
                data={"visit_due": report.visit_due.isoformat()},
            )
            officers = role_holders(
                roles=[Role.AID_OFFICER], region=report.community.street_id
            )
            notify(
                recipients=list(officers),
                kind=KIND_REPORT_ESCALATED,
                title=_("Report %(reference)s in %(community)s was not visited in time")
                % {"reference": report.reference, "community": report.community.name},
                url=report_url(report),
            )
            escalated += 1
    return escalated


def unlink_reporter(user: Any) -> None:
    """Account deletion: the reports stay with the community, without the account."""
    Report.objects.filter(reporter=user).update(reporter=None)
