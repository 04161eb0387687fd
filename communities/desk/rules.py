"""Who sees the work desk: anyone holding a staff role in force (with TOTP where
the role needs it); residents without one get a friendly refusal."""

from __future__ import annotations

from typing import Any

import rules

from communities.desk.selectors import staff_scopes


@rules.predicate
def has_desk_role(user: Any) -> bool:
    """Holds a community or street/district staff role that counts today."""
    return bool(staff_scopes(user))


rules.add_perm("communities.view_desk", has_desk_role)
