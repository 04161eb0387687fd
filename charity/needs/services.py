"""Needs: posting them, pledging goods against them (which the donor may cancel
until the goods arrive), confirming deliveries and closing them. Keyword-only, one transaction each, audit rows for managers' actions.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import record
from charity.donations.models import shown
from charity.needs.models import Need, NeedPledge
from charity.needs.selectors import need_coverage
from communities.models import Community


def _require(user: Any, perm: str, obj: Any) -> None:
    if not user.has_perm(perm, obj):
        raise PermissionDenied


NEED_FIELDS = (
    "item",
    "description",
    "quantity",
    "unit",
    "needed_by",
    "volunteer_activity",
)


def _new_need(*, actor: Any, community: Community, fields: dict[str, Any]) -> Need:
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
    return need


@transaction.atomic
def post_need(*, actor: Any, community: Community, **fields: Any) -> Need:
    """A committee member or charity manager posts goods the community needs."""
    _require(actor, "charity.manage_needs", community)
    need = _new_need(actor=actor, community=community, fields=fields)
    record(actor=actor, action="charity.need_posted", target=need, community=community)
    return need


@transaction.atomic
def post_need_on_behalf(
    *, actor: Any, community: Community, on_behalf_of: str, **fields: Any
) -> Need:
    """Post a need for another app (social assistance asks for goods for a
    household it does not name). The caller has checked its own permission and
    that the text holds no personal data; the need is the community's like any
    other, and charity keeps no link to where it came from beyond the audit row."""
    need = _new_need(actor=actor, community=community, fields=fields)
    record(
        actor=actor,
        action="charity.need_posted",
        target=need,
        community=community,
        data={"on_behalf_of": on_behalf_of[:40]},
    )
    return need


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
    name, show_name = shown(donor_name, show_name)
    return NeedPledge.objects.create(
        need=need,
        donor=user,
        donor_name=name,
        show_name=show_name,
        quantity=quantity,
    )


@transaction.atomic
def cancel_need_pledge(*, user: Any, pledge: NeedPledge) -> NeedPledge:
    """The donor withdraws a pledge of goods not yet delivered (locked, so that a
    manager confirming the delivery at the same moment cannot be overtaken)."""
    pledge = (
        NeedPledge.objects.select_for_update()
        .select_related("need__community")
        .get(pk=pledge.pk)
    )
    if pledge.donor_id != getattr(user, "pk", None):
        raise PermissionDenied
    if pledge.status != NeedPledge.Status.PLEDGED:
        raise ValidationError(_("Only goods not yet delivered can be cancelled."))
    _require(user, "charity.cancel_need_pledge", pledge)
    pledge.status = NeedPledge.Status.CANCELLED
    pledge.save(update_fields=["status"])
    record(
        actor=user,
        action="charity.need_pledge_cancelled",
        target=pledge,
        community=pledge.need.community,
        data={"quantity": pledge.quantity},
    )
    return pledge


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
