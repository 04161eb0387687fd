"""Who may see, manage and follow a project (docs/permissions.md, "Charity").

A project is managed by the charity managers of its community whom its
organisation lists; platform admins may do everything a manager may.
"""

from __future__ import annotations

from typing import Any

import rules

from charity.organisations.selectors import managed_organisation_ids
from communities.rules import is_charity_manager, is_platform_admin


@rules.predicate
def is_listed_manager(user: Any, project: Any) -> bool:
    """A charity manager of the project's community listed on its organisation."""
    organisation_id = getattr(project, "organisation_id", None)
    if organisation_id is None:
        return False
    return organisation_id in managed_organisation_ids(user) and is_charity_manager(
        user, project
    )


@rules.predicate
def is_public(user: Any, project: Any) -> bool:
    return getattr(project, "status", None) in ("public", "closed")


may_manage_project = is_listed_manager | is_platform_admin

# Object: a community.
rules.add_perm("charity.view_projects", rules.always_allow)
# Object: a project.
rules.add_perm("charity.view_project", is_public | may_manage_project)
rules.add_perm("charity.manage_project", may_manage_project)
rules.add_perm("charity.follow_project", rules.is_authenticated & is_public)
