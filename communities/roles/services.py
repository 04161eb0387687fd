"""Writes to role grants: granting and revoking (audited), and the Wagtail admin
rights that follow committee grants, re-synced daily as grants start and end."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import record
from communities.regions.models import Community, Region
from communities.roles.models import Role, RoleGrant
from communities.roles.rules import Scope, can_grant, scope_fits
from communities.roles.selectors import forget_cached_roles, role_holders
from notifications.services import notify

# Notification kind (registered in communities.registration).
KIND_ROLE_GRANTED = "communities.role_granted"


def require(allowed: bool) -> None:
    """Refuse with PermissionDenied unless `allowed` (the services' own check)."""
    if not allowed:
        raise PermissionDenied(_("You are not allowed to do this."))


@transaction.atomic
def grant_role(
    *,
    actor: Any,
    user: Any,
    role: str,
    community: Community | None = None,
    region: Region | None = None,
    starts_on: datetime.date,
    ends_on: datetime.date | None = None,
) -> RoleGrant:
    """Give a person a role for a community, a region, or the platform; audited."""
    if community is not None and region is not None:
        raise ValidationError(
            _("A role is granted for a community or a region, not both.")
        )
    scope: Scope = community if community is not None else region
    if not scope_fits(role, scope):
        raise ValidationError(_("This role cannot be granted for that scope."))
    require(can_grant(actor, role, scope))
    grant = RoleGrant(
        user=user,
        role=role,
        community=community,
        region=region,
        starts_on=starts_on,
        ends_on=ends_on,
        granted_by=actor,
    )
    grant.full_clean()
    grant.save()
    record(
        actor=actor,
        action="role.grant",
        target=grant,
        community=community,
        data={
            "role": role,
            "user": user.pk,
            "region": region.pk if region is not None else None,
            "starts_on": starts_on.isoformat(),
            "ends_on": ends_on.isoformat() if ends_on else None,
        },
    )
    notify(
        recipients=user,
        kind=KIND_ROLE_GRANTED,
        title=_("You have been given the role: %(role)s")
        % {"role": grant.get_role_display()},
        url="/my/communities/",
    )
    forget_cached_roles(user)
    sync_admin_rights(user=user)
    return grant


@transaction.atomic
def revoke_role(*, actor: Any, grant: RoleGrant) -> RoleGrant:
    """End a grant now; the person's Wagtail admin rights follow at once."""
    grant = RoleGrant.objects.select_for_update().get(pk=grant.pk)
    require(can_grant(actor, grant.role, grant.community or grant.region))
    if grant.revoked_at is not None:
        raise ValidationError(_("This role has already been revoked."))
    grant.revoked_at = timezone.now()
    grant.revoked_by = actor
    grant.save(update_fields=["revoked_at", "revoked_by"])
    record(
        actor=actor,
        action="role.revoke",
        target=grant,
        community=grant.community,
        data={"role": grant.role, "user": grant.user_id},
    )
    forget_cached_roles(grant.user)
    sync_admin_rights(user=grant.user)
    return grant


# ---------------------------------------------------------------------------
# Grants that follow a 两委 term of office (governance.bodies.services)
# ---------------------------------------------------------------------------
@transaction.atomic
def grant_role_for_term(
    *,
    actor: Any,
    user: Any,
    community: Community,
    starts_on: datetime.date,
    ends_on: datetime.date | None,
) -> RoleGrant:
    """The committee role that comes with a 两委 term, for the term's dates.

    Internal: the caller (appointing the term) has checked its own permission, so
    `can_grant` is not asked; a committee member may appoint 两委 terms without
    being allowed to grant roles. Audited, notified and synced like `grant_role`.
    """
    grant = RoleGrant(
        user=user,
        role=Role.COMMITTEE,
        community=community,
        starts_on=starts_on,
        ends_on=ends_on,
        granted_by=actor,
    )
    grant.full_clean()
    grant.save()
    record(
        actor=actor,
        action="role.grant_for_term",
        target=grant,
        community=community,
        data={
            "role": Role.COMMITTEE,
            "user": user.pk,
            "starts_on": starts_on.isoformat(),
            "ends_on": ends_on.isoformat() if ends_on else None,
        },
    )
    notify(
        recipients=user,
        kind=KIND_ROLE_GRANTED,
        title=_("You have been given the role: %(role)s")
        % {"role": grant.get_role_display()},
        url="/my/communities/",
    )
    forget_cached_roles(user)
    sync_admin_rights(user=user)
    return grant


@transaction.atomic
def set_term_grant_end(
    *, actor: Any, grant: RoleGrant, ends_on: datetime.date | None
) -> RoleGrant:
    """Move the end of a grant that follows terms (the last day of the longest
    linked term); a grant that would end before it starts is revoked instead.
    Internal, like `grant_role_for_term`."""
    grant = RoleGrant.objects.select_for_update().get(pk=grant.pk)
    if grant.revoked_at is not None or grant.ends_on == ends_on:
        return grant
    if ends_on is not None and ends_on < grant.starts_on:
        grant.revoked_at = timezone.now()
        grant.revoked_by = actor
        grant.save(update_fields=["revoked_at", "revoked_by"])
        action = "role.revoke_for_term"
    else:
        grant.ends_on = ends_on
        grant.save(update_fields=["ends_on"])
        action = "role.end_for_term"
    record(
        actor=actor,
        action=action,
        target=grant,
        community=grant.community,
        data={
            "role": grant.role,
            "user": grant.user_id,
            "ends_on": ends_on.isoformat() if ends_on else None,
        },
    )
    forget_cached_roles(grant.user)
    sync_admin_rights(user=grant.user)
    return grant


# ---------------------------------------------------------------------------
# Wagtail admin rights follow grants
# ---------------------------------------------------------------------------
@transaction.atomic
def sync_admin_rights(*, user: Any) -> None:
    """Put the person in exactly the editors' groups of communities they serve on.

    An active committee grant means membership of that community's Wagtail group;
    an ended, revoked or expired grant takes it away.
    """
    wanted = set(
        Community.objects.filter(
            role_grants__in=RoleGrant.objects.active().filter(
                user=user, role=Role.COMMITTEE
            ),
            editors_group__isnull=False,
        ).values_list("editors_group_id", flat=True)
    )
    current = set(
        user.groups.filter(community__isnull=False).values_list("pk", flat=True)
    )
    if wanted - current:
        user.groups.add(*(wanted - current))
    if current - wanted:
        user.groups.remove(*(current - wanted))
    for attribute in ("_perm_cache", "_group_perm_cache", "_user_perm_cache"):
        if hasattr(user, attribute):
            delattr(user, attribute)


def expire_role_grants() -> int:
    """Re-sync admin rights for everyone whose grants started or ended; returns count.

    Run daily (communities.tasks): grants end by date without anyone acting.
    """
    User = get_user_model()
    serving = role_holders(roles=[Role.COMMITTEE])
    users = User.objects.filter(
        pk__in=set(serving.values_list("pk", flat=True))
        | set(
            User.objects.filter(groups__community__isnull=False).values_list(
                "pk", flat=True
            )
        )
    )
    count = 0
    for user in users:
        sync_admin_rights(user=user)
        count += 1
    return count
