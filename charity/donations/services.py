"""Donations: pledges online (which the donor may cancel), confirming them when the money arrives, recording
money and goods received offline, and letting unpaid pledges lapse.

Keyword-only, one transaction each, audit rows for managers' actions. Totals are
aggregates of rows (selectors), so confirming donations concurrently can never
lose an update.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import record
from charity.donations.models import Donation, shown
from charity.projects.models import ZERO, Project

DEFAULT_PLEDGE_HOLD_DAYS = 7


def pledge_hold() -> datetime.timedelta:
    """How long a pledge waits for the money before it lapses."""
    days = getattr(settings, "CHARITY_PLEDGE_HOLD_DAYS", DEFAULT_PLEDGE_HOLD_DAYS)
    return datetime.timedelta(days=days)


def _require(user: Any, perm: str, obj: Any) -> None:
    if not user.has_perm(perm, obj):
        raise PermissionDenied


def receipt_number_for(donation: Donation) -> str:
    """Unique because the primary key is: CS-<year>-<project>-<donation>."""
    year = (donation.confirmed_at or timezone.now()).year
    return f"CS-{year}-{donation.project_id:05d}-{donation.pk:08d}"


@transaction.atomic
def pledge(
    *,
    user: Any,
    project: Project,
    amount: Decimal,
    donor_name: str = "",
    show_name: bool = False,
) -> Donation:
    """A signed-in person pledges money; it waits for a manager or lapses."""
    _require(user, "charity.pledge", project)
    if project.status != Project.Status.PUBLIC:
        raise ValidationError(_("Only a public project takes pledges."))
    if not isinstance(amount, Decimal) or amount <= ZERO:
        raise ValidationError({"amount": _("Enter an amount above zero.")})
    name, show_name = shown(donor_name, show_name)
    now = timezone.now()
    return Donation.objects.create(
        project=project,
        kind=Donation.Kind.MONEY,
        channel=Donation.Channel.ONLINE,
        status=Donation.Status.PLEDGED,
        donor=user,
        donor_name=name,
        show_name=show_name,
        amount=amount,
        created_at=now,
        lapses_at=now + pledge_hold(),
    )


@transaction.atomic
def cancel_pledge(*, user: Any, donation: Donation) -> Donation:
    """The donor withdraws a pledge whose money has not arrived (locked, so that a
    manager confirming it at the same moment cannot be overtaken)."""
    donation = (
        Donation.objects.select_for_update()
        .select_related("project__community")
        .get(pk=donation.pk)
    )
    if donation.donor_id != getattr(user, "pk", None):
        raise PermissionDenied
    if donation.status != Donation.Status.PLEDGED:
        raise ValidationError(_("Only a pending pledge can be cancelled."))
    _require(user, "charity.cancel_pledge", donation)
    donation.status = Donation.Status.CANCELLED
    donation.save(update_fields=["status"])
    record(
        actor=user,
        action="charity.pledge_cancelled",
        target=donation,
        community=donation.project.community,
        data={"amount": str(donation.amount)},
    )
    return donation


@transaction.atomic
def confirm_pledge(*, actor: Any, donation: Donation) -> Donation:
    """The money arrived: confirm the pledge once and give it a receipt number."""
    donation = (
        Donation.objects.select_for_update()
        .select_related("project")
        .get(pk=donation.pk)
    )
    _require(actor, "charity.manage_project", donation.project)
    if donation.status != Donation.Status.PLEDGED:
        raise ValidationError(_("Only a pending pledge can be confirmed."))
    donation.status = Donation.Status.CONFIRMED
    donation.confirmed_at = timezone.now()
    donation.confirmed_by = actor
    donation.receipt_number = receipt_number_for(donation)
    donation.save(
        update_fields=["status", "confirmed_at", "confirmed_by", "receipt_number"]
    )
    record(
        actor=actor,
        action="charity.donation_confirmed",
        target=donation,
        community=donation.project.community,
        data={"amount": str(donation.amount)},
    )
    return donation


@transaction.atomic
def record_offline_donation(
    *,
    actor: Any,
    project: Project,
    kind: str,
    donor_name: str = "",
    show_name: bool = False,
    amount: Decimal | None = None,
    item: str = "",
    quantity: int | None = None,
    estimated_value: Decimal | None = None,
) -> Donation:
    """A manager records money or goods received offline; confirmed at once."""
    _require(actor, "charity.manage_project", project)
    if project.status != Project.Status.PUBLIC:
        raise ValidationError(_("Donations are recorded only for a public project."))
    if kind == Donation.Kind.MONEY:
        if amount is None or amount <= ZERO:
            raise ValidationError({"amount": _("Enter an amount above zero.")})
        item, quantity, estimated_value = "", None, None
    elif kind == Donation.Kind.GOODS:
        errors = {}
        if not item.strip():
            errors["item"] = _("Name the donated item.")
        if not quantity or quantity <= 0:
            errors["quantity"] = _("Enter a quantity above zero.")
        if estimated_value is None or estimated_value < ZERO:
            errors["estimated_value"] = _("Enter the estimated value (zero or more).")
        if errors:
            raise ValidationError(errors)
        amount = None
    else:
        raise ValidationError({"kind": _("Choose money or goods.")})
    name, show_name = shown(donor_name, show_name)
    now = timezone.now()
    donation = Donation.objects.create(
        project=project,
        kind=kind,
        channel=Donation.Channel.OFFLINE,
        status=Donation.Status.CONFIRMED,
        donor_name=name,
        show_name=show_name,
        amount=amount,
        item=item.strip(),
        quantity=quantity,
        estimated_value=estimated_value,
        created_at=now,
        confirmed_at=now,
        confirmed_by=actor,
    )
    donation.receipt_number = receipt_number_for(donation)
    donation.save(update_fields=["receipt_number"])
    record(
        actor=actor,
        action="charity.donation_recorded",
        target=donation,
        community=project.community,
        data={"kind": kind, "value": str(donation.value)},
    )
    return donation


@transaction.atomic
def lapse_pledges(*, now: datetime.datetime | None = None) -> int:
    """Pledges whose money did not arrive in time lapse; returns how many."""
    now = now or timezone.now()
    return Donation.objects.filter(
        status=Donation.Status.PLEDGED, lapses_at__lte=now
    ).update(status=Donation.Status.LAPSED)
