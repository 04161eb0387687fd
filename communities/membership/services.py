"""Writes to residency: asking to join, verification, rejection, household
representatives. Each runs in one transaction, is audited when a committee member
acts, and tells people through `notifications.services.notify`."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import record
from communities.membership.models import Household, Membership
from communities.regions.models import Community
from communities.roles.selectors import committee_members, forget_cached_roles
from communities.roles.services import require
from notifications.services import notify

# Notification kinds (registered in communities.registration).
KIND_REQUEST_RECEIVED = "communities.membership_requested"
KIND_VERIFIED = "communities.membership_verified"
KIND_REJECTED = "communities.membership_rejected"


def _household_address(
    community: Community,
    *,
    building: str,
    unit: str,
    room: str,
    village_group: str,
    house_number: str,
) -> dict[str, str]:
    if community.is_village:
        address = {
            "building": "",
            "unit": "",
            "room": "",
            "village_group": village_group.strip(),
            "house_number": house_number.strip(),
        }
    else:
        address = {
            "building": building.strip(),
            "unit": unit.strip(),
            "room": room.strip(),
            "village_group": "",
            "house_number": "",
        }
    Household(community=community, **address).clean()
    return address


@transaction.atomic
def request_membership(
    *,
    user: Any,
    community: Community,
    building: str = "",
    unit: str = "",
    room: str = "",
    village_group: str = "",
    house_number: str = "",
    is_adult: bool = True,
    note: str = "",
    real_name: str = "",
) -> Membership:
    """Ask to join a community as a resident of a household.

    Refuses while a request is pending or the person is already a verified resident;
    after a rejection (or leaving) the same row becomes a fresh pending request.
    """
    address = _household_address(
        community,
        building=building,
        unit=unit,
        room=room,
        village_group=village_group,
        house_number=house_number,
    )
    existing = (
        Membership.objects.select_for_update()
        .filter(user=user, community=community)
        .first()
    )
    if existing is not None and existing.status == Membership.Status.PENDING:
        raise ValidationError(
            _(
                "You have already asked to join this community; please wait for the committee."
            )
        )
    if existing is not None and existing.status == Membership.Status.VERIFIED:
        raise ValidationError(
            _("You are already a verified resident of this community.")
        )
    household, _created = Household.objects.get_or_create(
        community=community, **address
    )
    real_name = (real_name or "").strip()
    if real_name and real_name != user.real_name:
        user.real_name = real_name
        user.save(update_fields=["real_name"])
    fields = {
        "household": household,
        "status": Membership.Status.PENDING,
        "is_adult": is_adult,
        "is_representative": False,
        "note": note,
        "requested_at": timezone.now(),
        "decided_at": None,
        "decided_by": None,
        "rejection_reason": "",
    }
    if existing is None:
        membership = Membership.objects.create(user=user, community=community, **fields)
    else:
        membership = existing
        for name, value in fields.items():
            setattr(membership, name, value)
        membership.save(update_fields=list(fields))
    forget_cached_roles(user)
    notify(
        recipients=list(committee_members(community)),
        kind=KIND_REQUEST_RECEIVED,
        title=_("New request to join %(community)s") % {"community": community.name},
        url=f"/{community.slug}/verification/",
    )
    return membership


@transaction.atomic
def verify_membership(*, actor: Any, membership: Membership) -> Membership:
    """A committee member confirms a pending request; the person is told."""
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    require(actor.has_perm("communities.verify_membership", membership.community))
    if membership.status != Membership.Status.PENDING:
        raise ValidationError(_("Only a pending request can be verified."))
    membership.status = Membership.Status.VERIFIED
    membership.decided_at = timezone.now()
    membership.decided_by = actor
    membership.rejection_reason = ""
    membership.save(
        update_fields=["status", "decided_at", "decided_by", "rejection_reason"]
    )
    record(
        actor=actor,
        action="membership.verify",
        target=membership,
        community=membership.community,
    )
    notify(
        recipients=membership.user,
        kind=KIND_VERIFIED,
        title=_("You are now a verified resident of %(community)s")
        % {"community": membership.community.name},
        url="/my/communities/",
    )
    return membership


@transaction.atomic
def reject_membership(*, actor: Any, membership: Membership, reason: str) -> Membership:
    """A committee member turns a pending request down, giving the person a reason."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for the rejection.")})
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    require(actor.has_perm("communities.verify_membership", membership.community))
    if membership.status != Membership.Status.PENDING:
        raise ValidationError(_("Only a pending request can be rejected."))
    membership.status = Membership.Status.REJECTED
    membership.decided_at = timezone.now()
    membership.decided_by = actor
    membership.rejection_reason = reason
    membership.save(
        update_fields=["status", "decided_at", "decided_by", "rejection_reason"]
    )
    record(
        actor=actor,
        action="membership.reject",
        target=membership,
        community=membership.community,
        data={"reason": reason},
    )
    notify(
        recipients=membership.user,
        kind=KIND_REJECTED,
        title=_("Your request to join %(community)s was not accepted")
        % {"community": membership.community.name},
        body=reason,
        url="/my/communities/",
    )
    return membership


@transaction.atomic
def set_household_representative(*, actor: Any, membership: Membership) -> Membership:
    """Make a verified resident their household's representative, moving it if held.

    One representative per household is a database constraint; locking the
    household first makes two simultaneous appointments wait for each other
    instead of colliding on it.
    """
    household_id = Membership.objects.values_list("household_id", flat=True).get(
        pk=membership.pk
    )
    Household.objects.select_for_update().filter(pk=household_id).first()
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    require(actor.has_perm("communities.verify_membership", membership.community))
    if membership.status != Membership.Status.VERIFIED:
        raise ValidationError(_("Only a verified resident can represent a household."))
    previous = list(
        Membership.objects.select_for_update()
        .filter(household=membership.household, is_representative=True)
        .exclude(pk=membership.pk)
    )
    for other in previous:
        other.is_representative = False
        other.save(update_fields=["is_representative"])
    if not membership.is_representative:
        membership.is_representative = True
        membership.save(update_fields=["is_representative"])
    record(
        actor=actor,
        action="membership.set_representative",
        target=membership,
        community=membership.community,
        data={"previous": [m.user_id for m in previous]},
    )
    return membership
