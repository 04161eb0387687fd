"""Who may pledge to a project (docs/permissions.md, "Charity")."""

from __future__ import annotations

from typing import Any

import rules


@rules.predicate
def is_open_for_donations(user: Any, project: Any) -> bool:
    return getattr(project, "status", None) == "public"


# Object: a project.
rules.add_perm("charity.pledge", rules.is_authenticated & is_open_for_donations)
