"""Granting 先行救助 (with its formal case opened in the same transaction) and
declaring or ending an emergency period. Each is audited; nothing is saved when
a check fails."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assistance.applications.services import start_proxy_application
from assistance.cases import workflow
from assistance.cases.models import HouseholdMember, Kind, Relationship, TemporaryCause
from assistance.emergency import selectors
from assistance.emergency.models import AdvanceAid, Capacity, EmergencyPeriod
from assistance.standards.workdays import Calendar
from audit.services import record
from communities.models import Community, Household, Region
from communities.roles.rules import is_aid_officer_for

# A first report older than this is a typing mistake, not an emergency.
MAX_REPORT_AGE = datetime.timedelta(days=60)
MAX_PERIOD_DAYS = 366


def capacity_of(user: Any, community: Community) -> str:
    """The capacity with the higher limit the person holds for the community."""
    if is_aid_officer_for(user, community):
        return Capacity.OFFICER
    return Capacity.COORDINATOR


def _check_times(reported_at: datetime.datetime, granted_at: datetime.datetime):
    now = timezone.now()
    if granted_at > now + datetime.timedelta(minutes=5):
        raise ValidationError({"granted_at": _("The help cannot be in the future.")})
    if reported_at > granted_at:
        raise ValidationError(
            {"reported_at": _("The first report must come before the help.")}
        )
    if granted_at - reported_at > MAX_REPORT_AGE:
        raise ValidationError(
            {"reported_at": _("The first report is more than 60 days before the help.")}
        )


def _members(case: Any, beneficiary: str, household: Household | None) -> None:
    """The household's verified members on the case, the person helped as the
    applicant (added when not among them)."""
    people = selectors.household_people(household)
    names = [name for name, _rep in people if name]
    rows = [] if beneficiary in names else [(beneficiary, True)]
    for name in names:
        rows.append((name, name == beneficiary and not any(s for _n, s in rows)))
    HouseholdMember.objects.bulk_create(
        HouseholdMember(
            case=case,
            name=name,
            relationship=Relationship.SELF if is_self else Relationship.OTHER,
        )
        for name, is_self in rows[:30]
    )


@transaction.atomic
def grant_advance_aid(
    *,
    actor: Any,
    community: Community,
    beneficiary_name: str,
    household_size: int,
    cause: str,
    amount: Decimal,
    note: str = "",
    household: Household | None = None,
    reported_at: datetime.datetime | None = None,
    granted_at: datetime.datetime | None = None,
    source_report: int | None = None,
) -> AdvanceAid:
    """Record 先行救助 within the limit of the granter's capacity and open its
    formal 临时救助 (急难型) case as a draft filed on the household's behalf."""
    granted_at = granted_at or timezone.now()
    reported_at = reported_at or granted_at
    _check_times(reported_at, granted_at)
    name = (beneficiary_name or "").strip()[:60]
    if not name:
        raise ValidationError(
            {"beneficiary_name": _("Give the name of who was helped.")}
        )
    if household is not None and household.community_id != community.pk:
        raise ValidationError(
            {"household": _("This household is not in the community.")}
        )
    if amount is None or amount <= 0:
        raise ValidationError({"amount": _("Give an amount above zero.")})
    limits = selectors.limits_for(community, household_size, granted_at)
    if limits is None:
        raise ValidationError(
            _("The district has no 低保 standard in force, so no limit can be set.")
        )
    capacity = capacity_of(actor, community)
    limit = limits.for_capacity(capacity)
    if amount > limit:
        raise ValidationError(
            {
                "amount": _(
                    "%(amount)s yuan is above your limit of %(limit)s yuan for a "
                    "household of %(size)s."
                )
                % {"amount": amount, "limit": limit, "size": household_size}
            }
        )
    case = start_proxy_application(
        filer=actor,
        community=community,
        service_point=community.name,
        kind=Kind.TEMPORARY,
        temporary_cause=TemporaryCause.EMERGENCY,
        household=household,
        applicant_name=name,
    )
    case.reason = note
    case.save(update_fields=["reason"])
    _members(case, name, household)
    calendar = Calendar(community.street.parent_id)
    aid = AdvanceAid.objects.create(
        community=community,
        household=household,
        beneficiary_name=name,
        household_size=household_size,
        cause=cause,
        amount=amount,
        limit=limit,
        note=note,
        reported_at=reported_at,
        granted_at=granted_at,
        granted_by=actor,
        capacity=capacity,
        case=case,
        paperwork_due=calendar.add(
            timezone.localdate(granted_at), limits.paperwork_days
        ),
        emergency_period=limits.period,
        under_emergency_rules=limits.period is not None,
        source_report=source_report,
    )
    rules_note = _(" (declared emergency: %(name)s)") % {"name": limits.period.name} if limits.period else ""  # fmt: skip
    workflow.note_step(
        case,
        "advance_aid",
        actor=actor,
        note=_("先行救助 given: %(amount)s yuan%(rules)s; paperwork due %(due)s.")
        % {"amount": amount, "rules": rules_note, "due": aid.paperwork_due},
    )
    record(
        actor=actor,
        action="assistance.advance_aid_granted",
        target=aid,
        community=community,
        data={
            "case": case.tracking_number,
            "cause": cause,
            "capacity": capacity,
            "emergency_rules": aid.under_emergency_rules,
            "source_report": source_report,
        },
    )
    return aid


def _period_data(period: EmergencyPeriod) -> dict[str, Any]:
    return {
        "name": period.name,
        "starts_on": period.starts_on.isoformat(),
        "ends_on": period.ends_on.isoformat(),
        "streets": sorted(s.pk for s in period.streets.all()),
    }


@transaction.atomic
def declare_period(
    *,
    actor: Any,
    district: Region,
    name: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    streets: list[Region] | None = None,
) -> EmergencyPeriod:
    streets = list(streets or [])
    if not district.is_district:
        raise ValidationError(_("Emergencies are declared by a district."))
    if ends_on < starts_on:
        raise ValidationError({"ends_on": _("The end must not be before the start.")})
    if (ends_on - starts_on).days > MAX_PERIOD_DAYS:
        raise ValidationError(
            {"ends_on": _("A declared emergency lasts at most a year.")}
        )
    if any(s.parent_id != district.pk for s in streets):
        raise ValidationError({"streets": _("Choose streets of this district.")})
    if not (name or "").strip():
        raise ValidationError({"name": _("Give the emergency a name.")})
    period = EmergencyPeriod.objects.create(
        district=district,
        name=name.strip()[:100],
        starts_on=starts_on,
        ends_on=ends_on,
        declared_by=actor,
    )
    period.streets.set(streets)
    record(
        actor=actor,
        action="assistance.emergency_declared",
        target=period,
        data=_period_data(period),
    )
    return period


@transaction.atomic
def end_period(*, actor: Any, period: EmergencyPeriod, note: str) -> EmergencyPeriod:
    period = EmergencyPeriod.objects.select_for_update().get(pk=period.pk)
    now = timezone.now()
    if period.ended_at is not None or period.ends_on < timezone.localdate(now):
        raise ValidationError(_("This emergency period has already ended."))
    if not (note or "").strip():
        raise ValidationError({"note": _("Say why it ends early.")})
    period.ended_at, period.ended_by, period.end_note = now, actor, note.strip()[:200]
    period.save(update_fields=["ended_at", "ended_by", "end_note"])
    record(
        actor=actor,
        action="assistance.emergency_ended",
        target=period,
        data={**_period_data(period), "note": period.end_note},
    )
    return period
