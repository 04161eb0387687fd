"""Charity services: every write that enforces a rule goes through here.

Keyword-only, one transaction each, audit rows for managers' actions, notifications
queued by `notify` after commit. Totals are aggregates of rows (selectors), so
confirming donations concurrently can never lose an update.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import record
from charity import schedule
from charity.models import (
    FILING_LEAD_DAYS,
    ZERO,
    Donation,
    Expenditure,
    Follow,
    Need,
    NeedPledge,
    Organisation,
    Project,
    Report,
    ReportAttachment,
)
from communities.models import Community, Role, RoleGrant
from notifications.services import notify

DEFAULT_PLEDGE_HOLD_DAYS = 7


def pledge_hold() -> datetime.timedelta:
    """How long a pledge waits for the money before it lapses."""
    days = getattr(settings, "CHARITY_PLEDGE_HOLD_DAYS", DEFAULT_PLEDGE_HOLD_DAYS)
    return datetime.timedelta(days=days)


def _require(user: Any, perm: str, obj: Any) -> None:
    if not user.has_perm(perm, obj):
        raise PermissionDenied


# ---------------------------------------------------------------------------
# Organisations
# ---------------------------------------------------------------------------
def _check_managers(community: Community, managers: list[Any]) -> None:
    ids = {m.pk for m in managers}
    holders = set(
        RoleGrant.objects.active()
        .filter(role=Role.CHARITY_MANAGER, community=community, user_id__in=ids)
        .values_list("user_id", flat=True)
    )
    if ids - holders:
        raise ValidationError(
            {
                "managers": _(
                    "Only people granted the charity manager role in this community "
                    "can manage its organisations."
                )
            }
        )


@transaction.atomic
def save_organisation(
    *,
    actor: Any,
    community: Community,
    organisation: Organisation | None = None,
    managers: list[Any],
    **fields: Any,
) -> Organisation:
    """Create or change an organisation; its managers must hold the role here."""
    _require(actor, "charity.manage_charity", community)
    created = organisation is None
    organisation = organisation or Organisation(community=community)
    if organisation.community_id != community.pk:
        raise PermissionDenied
    for name, value in fields.items():
        setattr(organisation, name, value)
    organisation.credit_code = organisation.credit_code.strip().upper()
    organisation.full_clean()
    _check_managers(community, managers)
    organisation.save()
    organisation.managers.set(managers)
    record(
        actor=actor,
        action="charity.organisation_created"
        if created
        else "charity.organisation_changed",
        target=organisation,
        community=community,
    )
    return organisation


# ---------------------------------------------------------------------------
# Projects
# ---------------------------------------------------------------------------
PROJECT_FIELDS = (
    "title",
    "purpose",
    "beneficiaries",
    "area",
    "paired_region",
    "starts_on",
    "ends_on",
    "goal_amount",
    "responsible_person",
    "receiving_account",
    "use_plan",
    "leftover_plan",
    "resolution_reference",
    "is_public_fundraising",
    "filing_number",
    "filed_on",
    "emergency_reason",
)


@transaction.atomic
def save_project(
    *,
    actor: Any,
    organisation: Organisation,
    project: Project | None = None,
    **fields: Any,
) -> Project:
    """Create a draft project or change one; a new project's manager must be listed."""
    if project is None:
        project = Project(organisation=organisation, community=organisation.community)
    elif project.organisation_id != organisation.pk:
        raise PermissionDenied
    _require(actor, "charity.manage_project", project)
    was_filed = project.filing_complete
    was = (project.is_public_fundraising, project.emergency_reason)
    for name, value in fields.items():
        if name not in PROJECT_FIELDS:
            raise TypeError(f"unknown project field {name!r}")
        setattr(project, name, value)
    if project.pk and project.status != Project.Status.DRAFT:
        if (project.is_public_fundraising, project.emergency_reason) != was:
            raise ValidationError(
                _(
                    "Public fundraising and the emergency reason cannot change once "
                    "the project is public."
                )
            )
        if was_filed and not project.filing_complete:
            raise ValidationError(
                {"filing_number": _("A public project's filing cannot be removed.")}
            )
    project.full_clean()
    created = project.pk is None
    project.save()
    record(
        actor=actor,
        action="charity.project_created" if created else "charity.project_changed",
        target=project,
        community=project.community,
    )
    return project


def publication_problems(
    project: Project, on: datetime.date | None = None
) -> list[str]:
    """Why the project cannot go public today (empty: it can)."""
    on = on or timezone.localdate()
    problems: list[str] = []
    if project.status != Project.Status.DRAFT:
        problems.append(_("Only a draft project can go public."))
    if not project.is_public_fundraising:
        return problems
    if not project.organisation.has_valid_qualification(on):
        problems.append(
            _(
                "The organisation's public-fundraising qualification is missing or "
                "has lapsed, so it cannot start public fundraising."
            )
        )
    if project.is_emergency:
        return problems
    if not project.filing_complete:
        problems.append(
            _("Enter the filing number and the filing date before going public.")
        )
    elif project.filed_on + datetime.timedelta(days=FILING_LEAD_DAYS) > on:
        problems.append(
            _(
                "A public fundraising can start only 10 days after filing (from "
                "%(date)s), unless it is an emergency with a recorded reason."
            )
            % {"date": project.filed_on + datetime.timedelta(days=FILING_LEAD_DAYS)}
        )
    return problems


def _notify_followers(project: Project, title: str) -> None:
    followers = [f.user for f in project.follows.select_related("user")]
    if followers:
        notify(
            recipients=followers,
            kind="charity.project_status",
            title=title,
            url=reverse("charity:project", args=[project.community.slug, project.pk]),
        )


@transaction.atomic
def publish_project(*, actor: Any, project: Project) -> Project:
    """Draft → public, if the qualification and filing rules allow it today."""
    project = Project.objects.select_for_update().get(pk=project.pk)
    _require(actor, "charity.manage_project", project)
    problems = publication_problems(project)
    if problems:
        raise ValidationError(problems)
    project.status = Project.Status.PUBLIC
    project.published_on = timezone.localdate()
    project.save(update_fields=["status", "published_on"])
    record(
        actor=actor,
        action="charity.project_published",
        target=project,
        community=project.community,
        data={"emergency": project.is_emergency},
    )
    _notify_followers(
        project, _("“%(title)s” is now public.") % {"title": project.title}
    )
    return project


@transaction.atomic
def close_project(*, actor: Any, project: Project) -> Project:
    project = Project.objects.select_for_update().get(pk=project.pk)
    _require(actor, "charity.manage_project", project)
    if project.status != Project.Status.PUBLIC:
        raise ValidationError(_("Only a public project can be closed."))
    project.status = Project.Status.CLOSED
    project.save(update_fields=["status"])
    record(
        actor=actor,
        action="charity.project_closed",
        target=project,
        community=project.community,
    )
    _notify_followers(project, _("“%(title)s” has closed.") % {"title": project.title})
    return project


@transaction.atomic
def record_filing(
    *, actor: Any, project: Project, filing_number: str, filed_on: datetime.date
) -> Project:
    """Enter the filing number (for an emergency project: completing its filing)."""
    _require(actor, "charity.manage_project", project)
    if not filing_number.strip():
        raise ValidationError({"filing_number": _("Enter the filing number.")})
    if filed_on > timezone.localdate():
        raise ValidationError(
            {"filed_on": _("The filing date cannot be in the future.")}
        )
    project.filing_number = filing_number.strip()
    project.filed_on = filed_on
    project.save(update_fields=["filing_number", "filed_on"])
    record(
        actor=actor,
        action="charity.project_filed",
        target=project,
        community=project.community,
        data={"filing_number": project.filing_number},
    )
    return project


@transaction.atomic
def follow(*, user: Any, project: Project) -> Follow:
    _require(user, "charity.follow_project", project)
    if project.status == Project.Status.DRAFT:
        raise ValidationError(_("A draft project cannot be followed."))
    follow_row, _created = Follow.objects.get_or_create(project=project, user=user)
    return follow_row


@transaction.atomic
def unfollow(*, user: Any, project: Project) -> None:
    Follow.objects.filter(project=project, user=user).delete()


# ---------------------------------------------------------------------------
# Donations
# ---------------------------------------------------------------------------
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
    now = timezone.now()
    return Donation.objects.create(
        project=project,
        kind=Donation.Kind.MONEY,
        channel=Donation.Channel.ONLINE,
        status=Donation.Status.PLEDGED,
        donor=user,
        donor_name=donor_name.strip(),
        show_name=show_name and bool(donor_name.strip()),
        amount=amount,
        created_at=now,
        lapses_at=now + pledge_hold(),
    )


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
    now = timezone.now()
    donation = Donation.objects.create(
        project=project,
        kind=kind,
        channel=Donation.Channel.OFFLINE,
        status=Donation.Status.CONFIRMED,
        donor_name=donor_name.strip(),
        show_name=show_name and bool(donor_name.strip()),
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


# ---------------------------------------------------------------------------
# Spending and the ledger
# ---------------------------------------------------------------------------
def money_totals(project: Project) -> dict[str, Decimal]:
    """Received (confirmed money), spent and balance, summed from the rows."""
    received = (
        Donation.objects.filter(project=project)
        .confirmed()
        .money()
        .aggregate(total=Sum("amount"))["total"]
        or ZERO
    )
    spent = (
        Expenditure.objects.filter(project=project).aggregate(total=Sum("amount"))[
            "total"
        ]
        or ZERO
    )
    return {"received": received, "spent": spent, "balance": received - spent}


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
        receipt=receipt,
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


# ---------------------------------------------------------------------------
# Reports
# ---------------------------------------------------------------------------
def report_recipients(project: Project) -> list[Any]:
    """Donors (of any pledge or donation with an account) and followers."""
    from django.contrib.auth import get_user_model

    donor_ids = Donation.objects.filter(project=project, donor__isnull=False).values(
        "donor_id"
    )
    follower_ids = Follow.objects.filter(project=project).values("user_id")
    return list(
        get_user_model().objects.filter(pk__in=donor_ids)
        | get_user_model().objects.filter(pk__in=follower_ids)
    )


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
    from charity.models import REPORT_MAX_ATTACHMENTS

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
        attachment = ReportAttachment(report=report, file=upload)
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


# ---------------------------------------------------------------------------
# Needs
# ---------------------------------------------------------------------------
NEED_FIELDS = (
    "item",
    "description",
    "quantity",
    "unit",
    "needed_by",
    "volunteer_activity",
)


@transaction.atomic
def post_need(*, actor: Any, community: Community, **fields: Any) -> Need:
    """A committee member or charity manager posts goods the community needs."""
    _require(actor, "charity.manage_needs", community)
    unknown = set(fields) - set(NEED_FIELDS)
    if unknown:
        raise TypeError(f"unknown need fields {sorted(unknown)!r}")
    need = Need(community=community, created_by=actor, **fields)
    need.item = need.item.strip()
    need.unit = need.unit.strip()
    need.volunteer_activity = need.volunteer_activity.strip()
    need.full_clean()
    if need.needed_by < timezone.localdate():
        raise ValidationError({"needed_by": _("The date cannot be in the past.")})
    need.save()
    record(actor=actor, action="charity.need_posted", target=need, community=community)
    return need


def need_coverage(need: Need) -> dict[str, int]:
    """Delivered, pledged (not yet delivered), covered, missing and surplus."""
    rows = dict(
        NeedPledge.objects.filter(need=need)
        .values_list("status")
        .annotate(total=Sum("quantity"))
        .values_list("status", "total")
    )
    delivered = rows.get(NeedPledge.Status.DELIVERED) or 0
    pledged = rows.get(NeedPledge.Status.PLEDGED) or 0
    covered = delivered + pledged
    return {
        "delivered": delivered,
        "pledged": pledged,
        "covered": covered,
        "missing": max(0, need.quantity - covered),
        "surplus": max(0, covered - need.quantity),
    }


@transaction.atomic
def pledge_to_need(
    *,
    user: Any,
    need: Need,
    quantity: int,
    donor_name: str = "",
    show_name: bool = False,
    beyond_need: bool = False,
) -> NeedPledge:
    """Pledge goods against a need. More than is still missing only when the donor
    says so (`beyond_need`); the need page then shows the surplus.

    The need row is locked so concurrent pledges see each other's quantities.
    """
    need = Need.objects.select_for_update().get(pk=need.pk)
    _require(user, "charity.pledge_need", need)
    if need.status != Need.Status.OPEN:
        raise ValidationError(_("This need is closed."))
    if not isinstance(quantity, int) or quantity <= 0:
        raise ValidationError({"quantity": _("Enter a quantity above zero.")})
    missing = need_coverage(need)["missing"]
    if quantity > missing and not beyond_need:
        raise ValidationError(
            {
                "quantity": _(
                    "Only %(missing)s %(unit)s are still missing. Pledge at most "
                    "that, or tick the box to give more than is needed."
                )
                % {"missing": missing, "unit": need.unit}
            }
        )
    name = donor_name.strip()
    return NeedPledge.objects.create(
        need=need,
        donor=user,
        donor_name=name,
        show_name=show_name and bool(name),
        quantity=quantity,
    )


@transaction.atomic
def confirm_delivery(*, actor: Any, pledge: NeedPledge) -> NeedPledge:
    """The goods arrived: a manager confirms the pledge's delivery once."""
    pledge = (
        NeedPledge.objects.select_for_update()
        .select_related("need__community")
        .get(pk=pledge.pk)
    )
    _require(actor, "charity.manage_needs", pledge.need.community)
    if pledge.status != NeedPledge.Status.PLEDGED:
        raise ValidationError(_("This delivery is confirmed already."))
    pledge.status = NeedPledge.Status.DELIVERED
    pledge.delivered_at = timezone.now()
    pledge.confirmed_by = actor
    pledge.save(update_fields=["status", "delivered_at", "confirmed_by"])
    record(
        actor=actor,
        action="charity.need_delivery_confirmed",
        target=pledge,
        community=pledge.need.community,
        data={"quantity": pledge.quantity},
    )
    return pledge


@transaction.atomic
def close_need(*, actor: Any, need: Need) -> Need:
    need = Need.objects.select_for_update().get(pk=need.pk)
    _require(actor, "charity.manage_needs", need.community)
    if need.status != Need.Status.OPEN:
        raise ValidationError(_("This need is closed already."))
    need.status = Need.Status.CLOSED
    need.save(update_fields=["status"])
    record(
        actor=actor, action="charity.need_closed", target=need, community=need.community
    )
    return need
