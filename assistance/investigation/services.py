"""Investigation steps (调查核实): the home visit by two different staff with both
signatures, the household financial check, the optional 民主评议 and the street's
review opinion. The case moves to "investigated" only when a visit signed by
both and a financial check are recorded since it was last accepted.

The caller (a view) has checked the permission for the step; each service checks
the people, the dates and the state."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from assistance.cases.models import Case, CaseEvent, State
from assistance.cases.notify import tell_applicant
from assistance.cases.rules import (
    is_case_coordinator,
    is_case_officer,
    is_case_supervisor,
)
from assistance.cases.workflow import locked, note_step, transition
from assistance.investigation.models import (
    Appraisal,
    FinancialCheck,
    HomeVisit,
    ReviewOpinion,
)
from assistance.standards.selectors import district_of, settings_for
from notifications.services import notify

KIND_VISIT_TO_SIGN = "assistance.visit_to_sign"

VISIT_STATES = (State.ACCEPTED, State.INVESTIGATED, State.PUBLICITY)


def _check_date(case: Case, day: datetime.date, field: str) -> None:
    if day > timezone.localdate():
        raise ValidationError({field: _("The date cannot be in the future.")})
    if case.accepted_on and day < case.accepted_on:
        raise ValidationError(
            {field: _("The date cannot be before the case was accepted.")}
        )


def accepted_since(case: Case) -> datetime.datetime | None:
    """When the case last entered "accepted" (a re-investigation starts afresh)."""
    return (
        CaseEvent.objects.filter(case=case, to_state=State.ACCEPTED)
        .exclude(from_state=State.ACCEPTED)
        .order_by("-at", "-pk")
        .values_list("at", flat=True)
        .first()
    )


def ready_to_close(case: Case) -> bool:
    """A visit signed by both and a financial check, since the last acceptance."""
    since = accepted_since(case)
    visits = HomeVisit.objects.filter(
        case=case, staff_1_signed_at__isnull=False, staff_2_signed_at__isnull=False
    )
    checks = FinancialCheck.objects.filter(case=case)
    if since is not None:
        visits = visits.filter(recorded_at__gte=since)
        checks = checks.filter(recorded_at__gte=since)
    return visits.exists() and checks.exists()


def _close_investigation(case: Case, actor: Any) -> bool:
    if case.state != State.ACCEPTED or not ready_to_close(case):
        return False
    transition(case, "investigate", actor=actor)
    tell_applicant(
        case,
        _("The investigation of your application %(number)s is complete")
        % {"number": case.tracking_number},
    )
    return True


def _is_staff(user: Any, case: Case) -> bool:
    return bool(
        is_case_coordinator(user, case)
        or is_case_officer(user, case)
        or is_case_supervisor(user, case)
    )


@transaction.atomic
def record_visit(
    *,
    case: Case,
    actor: Any,
    second: Any,
    visited_on: datetime.date,
    findings: str,
    by_district: bool = False,
) -> HomeVisit:
    """The recorder (first visitor) signs at once; the second signs later."""
    current = locked(case)
    if current.state not in VISIT_STATES:
        raise ValidationError(_("A home visit cannot be recorded at this step."))
    if by_district and not is_case_supervisor(actor, current):
        raise ValidationError(
            {"by_district": _("Only a district supervisor records a district visit.")}
        )
    if not by_district and current.state != State.ACCEPTED:
        raise ValidationError(
            _("The home visit is recorded while the case is being investigated.")
        )
    if second is None or second.pk == actor.pk:
        raise ValidationError({"second": _("A home visit needs two different people.")})
    if not _is_staff(second, current):
        raise ValidationError(
            {"second": _("The second visitor must be assistance staff of this case.")}
        )
    _check_date(current, visited_on, "visited_on")
    findings = (findings or "").strip()
    if len(findings) < 10:
        raise ValidationError(
            {"findings": _("Write the findings (at least 10 characters).")}
        )
    now = timezone.now()
    visit = HomeVisit.objects.create(
        case=current,
        visited_on=visited_on,
        staff_1=actor,
        staff_2=second,
        findings=findings,
        staff_1_signed_at=now,
        by_district=by_district,
        recorded_by=actor,
        recorded_at=now,
    )
    note_step(current, "district_visit" if by_district else "visit", actor=actor)
    notify(
        recipients=second,
        kind=KIND_VISIT_TO_SIGN,
        title=_("Sign the home visit record of case %(number)s")
        % {"number": current.tracking_number},
        url=reverse("assistance:case", args=[current.tracking_number]),
    )
    return visit


@transaction.atomic
def sign_visit(*, visit: HomeVisit, actor: Any) -> HomeVisit:
    """The second visitor signs from their own account."""
    visit = HomeVisit.objects.select_for_update().get(pk=visit.pk)
    if visit.staff_2_id != actor.pk:
        raise ValidationError(_("Only the second visitor signs this record."))
    if visit.staff_2_signed_at is not None:
        raise ValidationError(_("You have already signed this record."))
    visit.staff_2_signed_at = timezone.now()
    visit.save(update_fields=["staff_2_signed_at"])
    case = locked(visit.case)
    note_step(case, "sign_visit", actor=actor)
    _close_investigation(case, actor)
    return visit


@transaction.atomic
def record_check(
    *,
    case: Case,
    actor: Any,
    reference: str,
    result: str,
    checked_on: datetime.date,
    summary: str = "",
) -> FinancialCheck:
    """The result of the city's financial check, by its report reference."""
    current = locked(case)
    if current.state != State.ACCEPTED:
        raise ValidationError(_("The financial check is recorded after acceptance."))
    reference = (reference or "").strip()
    if not reference:
        raise ValidationError({"reference": _("Give the check's report number.")})
    if result not in FinancialCheck.Result.values:
        raise ValidationError({"result": _("Choose the result of the check.")})
    _check_date(current, checked_on, "checked_on")
    check = FinancialCheck.objects.create(
        case=current,
        reference=reference[:60],
        result=result,
        summary=(summary or "").strip(),
        checked_on=checked_on,
        recorded_by=actor,
    )
    note_step(current, "check", actor=actor, note=reference[:60])
    _close_investigation(current, actor)
    case.state = current.state
    return check


@transaction.atomic
def record_appraisal(
    *,
    case: Case,
    actor: Any,
    held_on: datetime.date,
    panel_size: int,
    attended: int,
    agreed: int,
) -> Appraisal:
    """民主评议: an invalid one (too few attended) is kept but does not advance."""
    current = locked(case)
    if current.state != State.INVESTIGATED:
        raise ValidationError(_("The appraisal is held after the investigation."))
    if panel_size < 1:
        raise ValidationError({"panel_size": _("The panel has at least one member.")})
    if attended > panel_size:
        raise ValidationError(
            {"attended": _("More people attended than the panel has.")}
        )
    if agreed > attended:
        raise ValidationError({"agreed": _("More people agreed than attended.")})
    _check_date(current, held_on, "held_on")
    policy = settings_for(district_of(current.community))
    appraisal = Appraisal.objects.create(
        case=current,
        held_on=held_on,
        panel_size=panel_size,
        attended=attended,
        agreed=agreed,
        attendance_needed=Decimal(policy.appraisal_attendance),
        agreement_needed=Decimal(policy.appraisal_agreement),
        recorded_by=actor,
    )
    counts = f"{agreed}/{attended}/{panel_size}"
    if not appraisal.is_valid:
        note_step(
            current,
            "appraisal_invalid",
            actor=actor,
            note=_("Too few attended (%(counts)s); hold it again.")
            % {"counts": counts},
        )
        return appraisal
    outcome = _("passed") if appraisal.passed else _("did not pass")
    transition(
        current,
        "appraise",
        actor=actor,
        note=_("Appraisal %(outcome)s (agreed/attended/panel: %(counts)s)")
        % {"outcome": outcome, "counts": counts},
        data={"passed": appraisal.passed},
    )
    case.state = current.state
    return appraisal


@transaction.atomic
def record_review(
    *, case: Case, actor: Any, recommends_approval: bool, opinion: str
) -> ReviewOpinion:
    """The street's written opinion, for or against; the case is reviewed."""
    current = locked(case)
    opinion = (opinion or "").strip()
    if len(opinion) < 10:
        raise ValidationError(
            {"opinion": _("Write the opinion (at least 10 characters).")}
        )
    row = ReviewOpinion.objects.create(
        case=current,
        recommends_approval=bool(recommends_approval),
        opinion=opinion,
        officer=actor,
    )
    transition(
        current,
        "review",
        actor=actor,
        note=opinion,
        data={"recommends_approval": bool(recommends_approval)},
    )
    case.state = current.state
    tell_applicant(
        current,
        _("The street has reviewed your application %(number)s")
        % {"number": case.tracking_number},
    )
    return row
