"""Writes of service-type assistance: organisations and their workers, referrals
(refer, assign, accept or decline, visits, completion) and purchased-service
contracts. One transaction each, audited; the view has checked the permission,
the service checks the people, dates and states.

Referral steps are noted on the case (`note_step`); the case's state never
changes here.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from assistance.cases.models import Case
from assistance.cases.workflow import note_step
from assistance.referrals.models import (
    ContractItem,
    Referral,
    ReferralVisit,
    Service,
    ServiceContract,
    SocialWorker,
    SocialWorkOrganisation,
)
from audit.services import record
from communities.models import Community, Region
from notifications.services import notify

KIND_REFERRAL = "assistance.referral"
KIND_REFERRAL_UPDATE = "assistance.referral_update"
S = Referral.Status


def referral_url(referral: Referral) -> str:
    return reverse("assistance:referral", args=[referral.pk])


def _district(region: Region) -> Region:
    return region if region.is_district else region.parent


def _check_areas(region: Region, areas: list[Community]) -> None:
    inside = [
        c
        for c in areas
        if (c.street_id == region.pk if not region.is_district else True)
        and c.street.parent_id == _district(region).pk
    ]
    if len(inside) != len(areas):
        raise ValidationError(
            {"areas": _("Choose communities of your own street or district.")}
        )


ORGANISATION_FIELDS = (
    "name",
    "credit_code",
    "registration",
    "contact_name",
    "contact_phone",
)


@transaction.atomic
def register_organisation(
    *, actor: Any, region: Region, areas: list[Community], **fields: Any
) -> SocialWorkOrganisation:
    """A street officer (for their street) or the district registers an organisation."""
    _check_areas(region, areas)
    org = SocialWorkOrganisation(
        district=_district(region),
        street=None if region.is_district else region,
        created_by=actor,
        **{name: fields[name] for name in ORGANISATION_FIELDS},
    )
    org.full_clean()
    org.save()
    org.areas.set(areas)
    record(actor=actor, action="assistance.organisation_registered", target=org)
    return org


@transaction.atomic
def edit_organisation(
    *, actor: Any, organisation: SocialWorkOrganisation, areas: list, **fields: Any
) -> SocialWorkOrganisation:
    _check_areas(organisation.street or organisation.district, areas)
    for name in ORGANISATION_FIELDS:
        setattr(organisation, name, fields[name])
    organisation.full_clean()
    organisation.save()
    organisation.areas.set(areas)
    record(actor=actor, action="assistance.organisation_edited", target=organisation)
    return organisation


@transaction.atomic
def add_worker(
    *,
    actor: Any,
    organisation: SocialWorkOrganisation,
    email: str,
    qualification: str,
    certificate_number: str,
    is_lead: bool = False,
) -> SocialWorker:
    """Link an existing account to the organisation as a social worker."""
    user = get_user_model().objects.filter(email__iexact=email.strip()).first()
    if user is None:
        raise ValidationError(
            {
                "email": _(
                    "No account uses this e-mail address: the social worker "
                    "signs up first."
                )
            }
        )
    worker = SocialWorker(
        organisation=organisation,
        user=user,
        qualification=qualification,
        certificate_number=certificate_number.strip(),
        is_lead=is_lead,
        added_by=actor,
    )
    worker.full_clean()
    worker.save()
    record(
        actor=actor,
        action="assistance.social_worker_added",
        target=worker,
        data={"organisation": organisation.pk, "lead": is_lead},
    )
    return worker


@transaction.atomic
def set_worker_active(*, actor: Any, worker: SocialWorker, active: bool) -> None:
    worker.is_active = active
    worker.save(update_fields=["is_active"])
    record(
        actor=actor,
        action="assistance.social_worker_" + ("activated" if active else "deactivated"),
        target=worker,
    )


def _tell_workers(referral: Referral, title: str) -> None:
    if referral.worker_id is not None:
        people = [referral.worker.user]
    else:
        people = [
            w.user
            for w in referral.organisation.workers.filter(
                is_lead=True, is_active=True
            ).select_related("user")
        ]
    notify(
        recipients=people, kind=KIND_REFERRAL, title=title, url=referral_url(referral)
    )


@transaction.atomic
def refer(
    *,
    case: Case,
    actor: Any,
    service: str,
    organisation: SocialWorkOrganisation,
    note: str,
    worker: SocialWorker | None = None,
) -> Referral:
    """Refer the case to an organisation (and one of its active workers, or its
    lead assigns one) for a service."""
    if not organisation.areas.filter(pk=case.community_id).exists():
        raise ValidationError(
            {"organisation": _("This organisation does not serve the community.")}
        )
    if worker is not None and (
        worker.organisation_id != organisation.pk or not worker.is_active
    ):
        raise ValidationError(
            {"worker": _("Choose an active worker of the chosen organisation.")}
        )
    referral = Referral.objects.create(
        case=case,
        service=service,
        organisation=organisation,
        worker=worker,
        note=note.strip(),
        referred_by=actor,
    )
    note_step(case, "refer_service", actor=actor, note=Service(service).label)
    _tell_workers(referral, _("A case is referred to you for a service"))
    return referral


def _locked(referral: Referral) -> Referral:
    return (
        Referral.objects.select_for_update(of=("self",))
        .select_related("case__community", "organisation", "worker__user")
        .get(pk=referral.pk)
    )


def _audit(referral: Referral, actor: Any, action: str, **data: Any) -> None:
    record(
        actor=actor,
        action=f"assistance.referral_{action}",
        target=referral,
        community=referral.case.community,
        data={"case": referral.case.tracking_number, **data},
    )


def _tell_referrer(referral: Referral, title: str) -> None:
    if referral.referred_by_id is not None:
        notify(
            recipients=referral.referred_by,
            kind=KIND_REFERRAL_UPDATE,
            title=title,
            url=referral_url(referral),
        )


@transaction.atomic
def assign(*, referral: Referral, actor: Any, worker: SocialWorker) -> Referral:
    referral = _locked(referral)
    if referral.worker_id is not None or referral.status != S.REFERRED:
        raise ValidationError(_("This referral has a social worker already."))
    if worker.organisation_id != referral.organisation_id or not worker.is_active:
        raise ValidationError(
            {"worker": _("Choose an active worker of the chosen organisation.")}
        )
    referral.worker = worker
    referral.save(update_fields=["worker"])
    _audit(referral, actor, "assigned", worker=worker.pk)
    _tell_workers(referral, _("A case is referred to you for a service"))
    return referral


@transaction.atomic
def accept(*, referral: Referral, actor: Any) -> Referral:
    referral = _locked(referral)
    if referral.status != S.REFERRED:
        raise ValidationError(_("This referral was answered already."))
    referral.status = S.ACCEPTED
    referral.accepted_at = timezone.now()
    referral.save(update_fields=["status", "accepted_at"])
    _audit(referral, actor, "accepted")
    _tell_referrer(referral, _("A social worker accepted a referral"))
    return referral


@transaction.atomic
def decline(*, referral: Referral, actor: Any, reason: str) -> Referral:
    referral = _locked(referral)
    if referral.status != S.REFERRED:
        raise ValidationError(_("This referral was answered already."))
    reason = reason.strip()
    if len(reason) < 2:
        raise ValidationError({"reason": _("Say why the referral is declined.")})
    referral.status = S.DECLINED
    referral.decline_reason = reason[:300]
    referral.closed_at = timezone.now()
    referral.save(update_fields=["status", "decline_reason", "closed_at"])
    _audit(referral, actor, "declined")
    _tell_referrer(referral, _("A social worker declined a referral"))
    return referral


@transaction.atomic
def record_visit(
    *,
    referral: Referral,
    actor: Any,
    visited_on: datetime.date,
    minutes: int,
    notes: str,
) -> ReferralVisit:
    referral = _locked(referral)
    if referral.status not in (S.ACCEPTED, S.IN_PROGRESS):
        raise ValidationError(_("Visits are recorded on accepted referrals."))
    if visited_on > timezone.localdate():
        raise ValidationError({"visited_on": _("The date cannot be in the future.")})
    if visited_on < referral.referred_at.date():
        raise ValidationError(
            {"visited_on": _("The date cannot be before the referral.")}
        )
    visit = ReferralVisit(
        referral=referral,
        visited_on=visited_on,
        minutes=minutes,
        notes=notes.strip(),
        worker=actor,
    )
    visit.full_clean()
    visit.save()
    if referral.status == S.ACCEPTED:
        referral.status = S.IN_PROGRESS
        referral.save(update_fields=["status"])
    _audit(referral, actor, "visit", visit=visit.pk)
    return visit


@transaction.atomic
def complete(*, referral: Referral, actor: Any, outcome: str, summary: str) -> Referral:
    referral = _locked(referral)
    if referral.status != S.IN_PROGRESS:
        raise ValidationError(_("A referral is completed after at least one visit."))
    if len(summary.strip()) < 4:
        raise ValidationError(
            {"summary": _("Summarise the outcome (at least 4 characters).")}
        )
    referral.status = S.COMPLETED
    referral.outcome = outcome
    referral.outcome_summary = summary.strip()
    referral.closed_at = timezone.now()
    referral.save(update_fields=["status", "outcome", "outcome_summary", "closed_at"])
    _audit(referral, actor, "completed", outcome=outcome)
    note_step(referral.case, "service_completed", actor=actor, note=outcome)
    _tell_referrer(referral, _("A social worker completed a referral"))
    return referral


@transaction.atomic
def add_contract(
    *,
    actor: Any,
    region: Region,
    organisation: SocialWorkOrganisation,
    title: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    budget: Decimal,
    items: dict[tuple[str, str], int],
) -> ServiceContract:
    """Record a purchased-service contract of the street or district `region`."""
    if organisation.district_id != _district(region).pk:
        raise ValidationError(
            {"organisation": _("Choose an organisation of your district.")}
        )
    if ends_on < starts_on:
        raise ValidationError({"ends_on": _("The end cannot be before the start.")})
    if not items:
        raise ValidationError(_("Enter at least one contracted service."))
    contract = ServiceContract.objects.create(
        organisation=organisation,
        buyer=region,
        title=title.strip(),
        starts_on=starts_on,
        ends_on=ends_on,
        budget=budget,
        created_by=actor,
    )
    ContractItem.objects.bulk_create(
        ContractItem(contract=contract, service=service, unit=unit, quantity=qty)
        for (service, unit), qty in sorted(items.items())
    )
    record(
        actor=actor,
        action="assistance.contract_recorded",
        target=contract,
        data={"budget": str(budget), "organisation": organisation.pk},
    )
    return contract
