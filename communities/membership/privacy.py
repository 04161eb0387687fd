"""Personal-data export and deletion for memberships and role grants.

Registered with `accounts.personal_data` by `communities.registration`.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from communities.membership import personal
from communities.membership.models import Membership
from communities.roles.models import RoleGrant
from communities.roles.services import sync_admin_rights


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def collect(user: Any) -> dict[str, Any]:
    """Memberships (with household address) and role grants of the person."""
    memberships = Membership.objects.filter(user=user).select_related(
        "community", "household"
    )
    grants = RoleGrant.objects.filter(user=user).select_related("community", "region")
    return {
        "memberships": [
            {
                "community": m.community.name,
                "household": m.household.label,
                "status": m.status,
                "is_adult": m.is_adult,
                "is_representative": m.is_representative,
                "note": m.note,
                "requested_at": _iso(m.requested_at),
                "decided_at": _iso(m.decided_at),
                "rejection_reason": m.rejection_reason,
            }
            for m in memberships.order_by("pk")
        ],
        "role_grants": [
            {
                "role": g.role,
                "community": g.community.name if g.community else None,
                "region": g.region.name if g.region else None,
                "starts_on": _iso(g.starts_on),
                "ends_on": _iso(g.ends_on),
                "granted_at": _iso(g.granted_at),
                "revoked_at": _iso(g.revoked_at),
            }
            for g in grants.order_by("pk")
        ],
    }


def anonymise(user: Any) -> None:
    """Delete residency records; end grants but keep them (who held office is public).

    The person leaves every Wagtail editors' group with the grants.
    """
    Membership.objects.filter(user=user).delete()
    RoleGrant.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    personal.forget(user.pk)  # the bulk update sends no signal
    sync_admin_rights(user=user)
