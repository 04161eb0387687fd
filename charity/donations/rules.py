"""Who may pledge to a project and cancel their own pledge (docs/permissions.md,
"Charity")."""

from __future__ import annotations

from typing import Any

import rules


@rules.predicate
def is_open_for_donations(user: Any, project: Any) -> bool:
    return getattr(project, "status", None) == "public"


# Object: a project.
rules.add_perm("charity.pledge", rules.is_authenticated & is_open_for_donations)


@rules.predicate
def is_own_pending_pledge(user: Any, donation: Any) -> bool:
    return (
        getattr(donation, "donor_id", None) == user.pk
        and getattr(donation, "status", None) == "pledged"
    )


# Object: a donation. Only the donor, only while the money has not arrived.
rules.add_perm("charity.cancel_pledge", rules.is_authenticated & is_own_pending_pledge)
