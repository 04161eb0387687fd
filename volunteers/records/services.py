"""Every write about service after check-in: check-out and the service record,
confirmation and corrections, certificates, the time bank, the leaderboard opt-in.

Rules kept here (each has a test in tests/volunteers/records/):

- Hours are the actual service time: check-out minus check-in, counted only inside
  the shift window (arriving early or leaving late is not counted unless the
  coordinator adjusts the hours with a reason). Check-in happens on arrival at the
  place, so travel is never counted.
- A confirmed record is immutable; a correction is a new confirmed version with a
  reason, superseding the old one. Totals count current versions only.
- Time bank (when the community enables it): one confirmed hour earns one credit on
  confirmation; a correction credits or debits the difference (a debit never takes
  the balance below zero: it takes what is left and the shortfall is audited).
  Transfers go only to a family member aged 60 or over (same household, both verified
  residents, age from the recipient's volunteer profile). Balances are locked with
  SELECT ... FOR UPDATE and a database constraint keeps them at zero or above.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max, Min, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.masking import mask_name
from audit.services import record as audit
from communities import verification
from communities.cache import bump_generation
from communities.models import Community
from notifications.services import notify
from volunteers.profiles.models import VolunteerProfile
from volunteers.profiles.selectors import profile_of
from volunteers.records import selectors
from volunteers.records.models import (
    Certificate,
    ServiceRecord,
    TimeBankAccount,
    TimeBankTransaction,
)
from volunteers.shifts.models import Attendance, SignUp

CENT = Decimal("0.01")


def _hours(delta: datetime.timedelta) -> Decimal:
    seconds = max(delta.total_seconds(), 0)
    return (Decimal(seconds) / Decimal(3600)).quantize(CENT, rounding=ROUND_HALF_UP)


# ---------------------------------------------------------------------------
# Check-out
# ---------------------------------------------------------------------------
@transaction.atomic
def check_out(*, actor: Any, signup: SignUp) -> ServiceRecord:
    """Record departure and create the pending service record (version 1).

    Hours = check-out − check-in, counted inside the shift window only.
    """
    attendance = (
        Attendance.objects.select_for_update()
        .select_related("signup__shift__activity__community", "signup__volunteer")
        .filter(signup=signup)
        .first()
    )
    if attendance is None:
        raise ValidationError(_("Check in before checking out."))
    if attendance.checked_out_at is not None:
        raise ValidationError(_("Already checked out."))
    signup = attendance.signup
    is_self = actor.pk == signup.volunteer_id
    if not is_self and not actor.has_perm("volunteers.run_shift", signup.shift):
        raise ValidationError(_("Only the volunteer or a coordinator can check out."))
    now = timezone.now()
    attendance.checked_out_at = now
    attendance.checked_out_by = actor
    attendance.save(update_fields=["checked_out_at", "checked_out_by"])
    shift = signup.shift
    started = max(attendance.checked_in_at, shift.starts_at)
    ended = min(now, shift.ends_at)
    ended = max(ended, started)
    measured = _hours(ended - started)
    activity = shift.activity
    service_record = ServiceRecord.objects.create(
        signup=signup,
        volunteer=signup.volunteer,
        community=activity.community,
        team_id=activity.team_id,
        served_on=timezone.localdate(shift.starts_at),
        started_at=started,
        ended_at=ended,
        measured_hours=measured,
        hours=measured,
        created_by=actor,
    )
    audit(
        actor=actor,
        action="volunteers.checked_out",
        target=service_record,
        community=activity.community,
        data={"hours": str(measured)},
    )
    return service_record


# ---------------------------------------------------------------------------
# Confirmation and corrections
# ---------------------------------------------------------------------------
def _clean_hours(hours: Decimal) -> Decimal:
    hours = Decimal(hours).quantize(CENT, rounding=ROUND_HALF_UP)
    if not Decimal(0) <= hours <= Decimal(24):
        raise ValidationError({"hours": _("Hours must be between 0 and 24.")})
    return hours


def _lock_record(service_record: ServiceRecord) -> ServiceRecord:
    return (
        ServiceRecord.objects.select_for_update()
        .select_related("community", "volunteer")
        .get(pk=service_record.pk)
    )


@transaction.atomic
def adjust_record(
    *, actor: Any, service_record: ServiceRecord, hours: Decimal, reason: str
) -> ServiceRecord:
    """Change the hours of a pending record before confirming it; needs a reason."""
    service_record = _lock_record(service_record)
    if service_record.is_confirmed:
        raise ValidationError(
            _("This record is confirmed and cannot change. Add a correction instead.")
        )
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give a reason for changing the hours.")})
    before = service_record.hours
    service_record.hours = _clean_hours(hours)
    service_record.reason = reason
    service_record.save(update_fields=["hours", "reason"])
    audit(
        actor=actor,
        action="volunteers.record_adjusted",
        target=service_record,
        community=service_record.community,
        data={"from": str(before), "to": str(service_record.hours), "reason": reason},
    )
    return service_record


@transaction.atomic
def confirm_record(*, actor: Any, service_record: ServiceRecord) -> ServiceRecord:
    """Confirm a pending record: from now on it never changes. Earns time-bank credits."""
    service_record = _lock_record(service_record)
    if service_record.is_confirmed:
        raise ValidationError(_("This record is already confirmed."))
    service_record.status = ServiceRecord.Status.CONFIRMED
    service_record.confirmed_by = actor
    service_record.confirmed_at = timezone.now()
    service_record.save(update_fields=["status", "confirmed_by", "confirmed_at"])
    _credit_for(service_record)
    audit(
        actor=actor,
        action="volunteers.record_confirmed",
        target=service_record,
        community=service_record.community,
        data={"hours": str(service_record.hours)},
    )
    transaction.on_commit(bump_generation)  # the public leaderboard
    return service_record


@transaction.atomic
def correct_record(
    *, actor: Any, service_record: ServiceRecord, hours: Decimal, reason: str
) -> ServiceRecord:
    """Supersede a current confirmed record with a new confirmed version."""
    service_record = _lock_record(service_record)
    if not service_record.is_confirmed:
        raise ValidationError(
            _("This record is not confirmed yet: change its hours before confirming.")
        )
    if ServiceRecord.objects.filter(supersedes=service_record).exists():
        raise ValidationError(_("This version has already been corrected."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give a reason for the correction.")})
    now = timezone.now()
    new = ServiceRecord.objects.create(
        signup_id=service_record.signup_id,
        volunteer_id=service_record.volunteer_id,
        community_id=service_record.community_id,
        team_id=service_record.team_id,
        served_on=service_record.served_on,
        version=service_record.version + 1,
        supersedes=service_record,
        started_at=service_record.started_at,
        ended_at=service_record.ended_at,
        measured_hours=service_record.measured_hours,
        hours=_clean_hours(hours),
        reason=reason,
        status=ServiceRecord.Status.CONFIRMED,
        created_by=actor,
        confirmed_by=actor,
        confirmed_at=now,
    )
    shortfall = _adjust_credit_for(new)
    audit(
        actor=actor,
        action="volunteers.record_corrected",
        target=new,
        community=new.community,
        data={
            "supersedes": service_record.pk,
            "from": str(service_record.hours),
            "to": str(new.hours),
            "reason": reason,
            "time_bank_shortfall": str(shortfall),
        },
    )
    transaction.on_commit(bump_generation)
    return new


# ---------------------------------------------------------------------------
# Time bank
# ---------------------------------------------------------------------------
def _locked_account(user_id: int, community_id: int) -> TimeBankAccount:
    TimeBankAccount.objects.get_or_create(user_id=user_id, community_id=community_id)
    return TimeBankAccount.objects.select_for_update().get(
        user_id=user_id, community_id=community_id
    )


def _move(
    account: TimeBankAccount,
    amount: Decimal,
    *,
    kind: str,
    service_record: ServiceRecord,
    counterparty: Any = None,
) -> TimeBankTransaction:
    TimeBankAccount.objects.filter(pk=account.pk).update(balance=F("balance") + amount)
    account.balance += amount
    return TimeBankTransaction.objects.create(
        account=account,
        kind=kind,
        amount=amount,
        service_record=service_record,
        counterparty=counterparty,
    )


def _credit_for(service_record: ServiceRecord) -> None:
    if not service_record.community.policy.time_bank_enabled:
        return
    if service_record.hours <= 0:
        return
    account = _locked_account(service_record.volunteer_id, service_record.community_id)
    _move(
        account,
        service_record.hours,
        kind=TimeBankTransaction.Kind.EARNED,
        service_record=service_record,
    )


def _adjust_credit_for(new: ServiceRecord) -> Decimal:
    """Credit or debit the difference a correction makes; returns any shortfall.

    Only chains that earned credits are adjusted (the time bank may have been off).
    """
    account = TimeBankAccount.objects.filter(
        user_id=new.volunteer_id, community_id=new.community_id
    ).first()
    if account is None:
        return Decimal(0)
    earned = TimeBankTransaction.objects.filter(
        account=account,
        service_record__signup_id=new.signup_id,
        kind__in=[
            TimeBankTransaction.Kind.EARNED,
            TimeBankTransaction.Kind.CORRECTION,
        ],
    )
    if not earned.exists():
        return Decimal(0)
    account = TimeBankAccount.objects.select_for_update().get(pk=account.pk)
    credited = earned.aggregate(total=Sum("amount"))["total"] or Decimal(0)
    delta = new.hours - credited
    if delta == 0:
        return Decimal(0)
    shortfall = Decimal(0)
    if delta < 0 and -delta > account.balance:
        shortfall = -delta - account.balance
        delta = -account.balance
    if delta != 0:
        _move(
            account,
            delta,
            kind=TimeBankTransaction.Kind.CORRECTION,
            service_record=new,
        )
    return shortfall


def _available_by_chain(account: TimeBankAccount) -> list[tuple[int, Decimal, int]]:
    """(signup id, credits left, record id) per service chain, oldest service first."""
    rows = (
        TimeBankTransaction.objects.filter(account=account)
        .values("service_record__signup_id")
        .annotate(
            left=Sum("amount"),
            record_id=Max("service_record_id"),
            first=Min("service_record__served_on"),
        )
        .order_by("first", "service_record__signup_id")
    )
    return [
        (r["service_record__signup_id"], r["left"], r["record_id"])
        for r in rows
        if r["left"] > 0
    ]


@transaction.atomic
def transfer_credits(
    *, sender: Any, recipient: Any, community: Community, amount: Decimal
) -> list[TimeBankTransaction]:
    """Give credits to an allowed family member; each piece names its service record."""
    if not community.policy.time_bank_enabled:
        raise ValidationError(_("This community does not run a time bank."))
    try:
        amount = Decimal(amount).quantize(CENT, rounding=ROUND_HALF_UP)
    except ArithmeticError as error:
        raise ValidationError({"amount": _("Enter a number of credits.")}) from error
    if amount <= 0:
        raise ValidationError({"amount": _("Transfer at least 0.01 credits.")})
    if not selectors.may_receive_credits(sender, recipient, community):
        raise ValidationError(
            {
                "recipient": _(
                    "Credits can only go to a family member aged 60 or over who is "
                    "a verified resident of your household."
                )
            }
        )
    TimeBankAccount.objects.get_or_create(user=recipient, community=community)
    TimeBankAccount.objects.get_or_create(user=sender, community=community)
    # Lock both accounts in a fixed order so opposite transfers cannot deadlock.
    locked = {
        a.user_id: a
        for a in TimeBankAccount.objects.select_for_update()
        .filter(community=community, user_id__in=[sender.pk, recipient.pk])
        .order_by("pk")
    }
    source, target = locked[sender.pk], locked[recipient.pk]
    if source.balance < amount:
        raise ValidationError(
            {
                "amount": _("You have only %(balance)s credits.")
                % {"balance": source.balance}
            }
        )
    moves = []
    left = amount
    records = {}
    for _signup_id, available, record_id in _available_by_chain(source):
        if left <= 0:
            break
        piece = min(available, left)
        records.setdefault(record_id, ServiceRecord.objects.get(pk=record_id))
        moves.append(
            _move(
                source,
                -piece,
                kind=TimeBankTransaction.Kind.TRANSFER_OUT,
                service_record=records[record_id],
                counterparty=recipient,
            )
        )
        moves.append(
            _move(
                target,
                piece,
                kind=TimeBankTransaction.Kind.TRANSFER_IN,
                service_record=records[record_id],
                counterparty=sender,
            )
        )
        left -= piece
    if left > 0:  # balance and transactions disagree: refuse rather than guess
        raise ValidationError(_("Your credits could not be traced to service records."))
    audit(
        actor=sender,
        action="volunteers.time_bank_transfer",
        target=target,
        community=community,
        data={"amount": str(amount), "to": recipient.pk},
    )
    notify(
        recipients=recipient,
        kind="volunteers.time_bank_received",
        title=_("You received %(amount)s time-bank credits") % {"amount": amount},
        body=_("%(name)s gave you credits earned by volunteering.")
        % {"name": sender.public_name},
        url=reverse("volunteers:my-hours"),
    )
    return moves


# ---------------------------------------------------------------------------
# Certificates
# ---------------------------------------------------------------------------
def new_serial() -> str:
    """GZ-XXXX-XXXX-XXXX-XXXX (communities.verification: 80 random bits)."""
    return verification.new_serial("GZ")


def normalise_serial(value: str) -> str:
    return verification.normalise_serial(value)


@transaction.atomic
def issue_certificates(
    *, volunteer: Any, period_start: datetime.date, period_end: datetime.date
) -> list[Certificate]:
    """One certificate per team whose confirmed records fall in the period.

    A second request for the same period and unchanged hours returns the same
    certificate instead of a new serial.
    """
    if period_end < period_start:
        raise ValidationError(
            {"period_end": _("The end must not be before the start.")}
        )
    if period_end > timezone.localdate():
        raise ValidationError({"period_end": _("The period cannot end in the future.")})
    records = list(
        ServiceRecord.objects.current()
        .filter(
            volunteer=volunteer, served_on__gte=period_start, served_on__lte=period_end
        )
        .select_related("team", "community", "signup__shift__activity")
    )
    if not records:
        raise ValidationError(_("You have no confirmed service hours in this period."))
    groups: dict[tuple[int, int | None], list[ServiceRecord]] = defaultdict(list)
    for item in records:
        groups[(item.community_id, item.team_id)].append(item)
    profile = profile_of(volunteer)
    masked_id = profile.masked_id_number if profile else ""
    masked = mask_name(volunteer.real_name) or volunteer.public_name
    issued = []
    for (_community_id, team_id), items in sorted(
        groups.items(), key=lambda kv: (kv[0][0], kv[0][1] or 0)
    ):
        community = items[0].community
        team = items[0].team
        hours = sum((i.hours for i in items), Decimal(0))
        existing = Certificate.objects.filter(
            volunteer=volunteer,
            community=community,
            team_id=team_id,
            period_start=period_start,
            period_end=period_end,
            hours=hours,
        ).first()
        if existing is not None:
            issued.append(existing)
            continue
        titles = sorted({i.signup.shift.activity.title for i in items})
        categories = sorted(
            {str(i.signup.shift.activity.get_category_display()) for i in items}
        )
        summary = _("%(count)s shifts (%(categories)s): %(activities)s") % {
            "count": len(items),
            "categories": ", ".join(categories),
            "activities": "; ".join(titles[:10]) + (" …" if len(titles) > 10 else ""),
        }
        issuer = f"{community.name} · {team.name}" if team else community.name
        certificate = Certificate.objects.create(
            serial=new_serial(),
            volunteer=volunteer,
            community=community,
            team=team,
            issuer_name=issuer,
            period_start=period_start,
            period_end=period_end,
            hours=hours,
            masked_name=masked,
            masked_id_number=masked_id,
            summary=summary,
        )
        audit(
            actor=volunteer,
            action="volunteers.certificate_issued",
            target=certificate,
            community=community,
            data={"hours": str(hours), "team": team_id},
        )
        issued.append(certificate)
    return issued


# ---------------------------------------------------------------------------
# Leaderboard opt-in
# ---------------------------------------------------------------------------
@transaction.atomic
def set_leaderboard_opt_in(*, user: Any, show: bool) -> VolunteerProfile:
    profile = VolunteerProfile.objects.select_for_update().filter(user=user).first()
    if profile is None:
        raise ValidationError(_("Complete your volunteer profile first."))
    profile.show_on_leaderboard = show
    profile.save(update_fields=["show_on_leaderboard", "updated_at"])
    transaction.on_commit(bump_generation)
    return profile
