"""Organisations: created and changed by the community's charity managers."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from audit.services import record
from charity.organisations.models import Organisation
from charity.organisations.selectors import charity_managers
from communities.models import Community


def _require(user: Any, perm: str, obj: Any) -> None:
    if not user.has_perm(perm, obj):
        raise PermissionDenied


def _check_managers(community: Community, managers: list[Any]) -> None:
    ids = {m.pk for m in managers}
    holders = set(
        charity_managers(community).filter(pk__in=ids).values_list("pk", flat=True)
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
