"""Who may do what in charity. The table is in docs/permissions.md ("Charity").

Managers are charity managers of the community (RoleGrant `charity_manager`); a
project is managed by the charity managers its organisation lists. Platform admins
may do everything a manager may.
"""

from __future__ import annotations

from typing import Any

import rules

from communities.rules import (
    is_charity_manager,
    is_committee_member,
    is_officer_above,
    is_platform_admin,
)

MANAGERS_CACHE = "_gz_charity_managed_orgs"


def _managed_organisation_ids(user: Any) -> set[int]:
    if not getattr(user, "is_authenticated", False):
        return set()
    cached = getattr(user, MANAGERS_CACHE, None)
    if cached is None:
        cached = set(user.managed_charity_organisations.values_list("pk", flat=True))
        setattr(user, MANAGERS_CACHE, cached)
    return cached


@rules.predicate
def is_listed_manager(user: Any, project: Any) -> bool:
    """A charity manager of the project's community listed on its organisation."""
    organisation_id = getattr(project, "organisation_id", None)
    if organisation_id is None:
        return False
    return organisation_id in _managed_organisation_ids(user) and is_charity_manager(
        user, project
    )


@rules.predicate
def is_public(user: Any, project: Any) -> bool:
    return getattr(project, "status", None) in ("public", "closed")


@rules.predicate
def is_open_for_donations(user: Any, project: Any) -> bool:
    return getattr(project, "status", None) == "public"


@rules.predicate
def is_open_need(user: Any, need: Any) -> bool:
    return getattr(need, "status", None) == "open"


may_manage_project = is_listed_manager | is_platform_admin

# Object: a community.
rules.add_perm("charity.view_projects", rules.always_allow)
rules.add_perm("charity.manage_charity", is_charity_manager | is_platform_admin)
# Object: a project.
rules.add_perm("charity.view_project", is_public | may_manage_project)
rules.add_perm("charity.manage_project", may_manage_project)
rules.add_perm("charity.pledge", rules.is_authenticated & is_open_for_donations)
rules.add_perm("charity.follow_project", rules.is_authenticated & is_public)
# Object: a community. Overdue reports: the committee and the officers above it.
rules.add_perm(
    "charity.view_overdue_reports",
    is_committee_member | is_officer_above | is_platform_admin,
)
# Object: a community. Post needs for goods and confirm their delivery.
rules.add_perm(
    "charity.manage_needs", is_committee_member | is_charity_manager | is_platform_admin
)
# Object: a need.
rules.add_perm("charity.pledge_need", rules.is_authenticated & is_open_need)
