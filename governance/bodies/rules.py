"""Who may manage a community's bodies and terms of office.

Object: the community (or anything with a `community`, such as a body or term).
Notices are edited in the Wagtail admin, where page permissions of the community's
editors' group decide; no participant rule is needed for them. The table is in
docs/permissions.md ("Governance permissions").
"""

from __future__ import annotations

import rules

from communities.rules import (
    is_committee_member,
    is_platform_admin,
    is_street_officer_for,
)

is_body_manager = is_committee_member | is_platform_admin

# Open the bodies page; add, rename or dissolve sub-committees.
rules.add_perm("governance.manage_body", is_body_manager)
# Appoint a person to a position, or end their term. The street officers over the
# community appoint too (after the joint qualification review they run).
rules.add_perm(
    "governance.change_term",
    is_committee_member | is_street_officer_for | is_platform_admin,
)
