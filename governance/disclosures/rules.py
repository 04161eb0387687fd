"""Affairs disclosure (居务公开): who may review, manage the catalogue, see the
oversight lists, file and answer objections.

Object: the community, or a disclosure page, due item or objection (anything with
`community`), or for officers' queues a region. The table is in docs/permissions.md.
"""

from __future__ import annotations

import rules

from communities.regions.selectors import community_of
from communities.rules import (
    is_committee_member,
    is_district_officer_for,
    is_platform_admin,
    is_street_officer_for,
    is_supervision_member,
    is_verified_resident,
)
from governance.bodies.models import Body, Term


def _disclosure_community(obj):
    community = community_of(obj)
    if community is None and hasattr(obj, "community_of_disclosure"):
        community = obj.community_of_disclosure()
    return community


@rules.predicate
def sits_on_two_committees(user, obj) -> bool:
    """Holds a current term on the residents'/villagers' or Party committee (两委)."""
    community = _disclosure_community(obj)
    if community is None or not getattr(user, "is_authenticated", False):
        return False
    return (
        Term.objects.current()
        .filter(
            person=user,
            body__community=community,
            body__kind__in=[Body.Kind.COMMITTEE, Body.Kind.PARTY],
        )
        .exists()
    )


@rules.predicate
def is_independent_supervisor(user, obj) -> bool:
    """A supervision member (with TOTP) of the community who is not on the 两委."""
    community = _disclosure_community(obj)
    if community is None:
        return False
    return is_supervision_member(user, community) and not sits_on_two_committees(
        user, community
    )


def may_review_disclosure(user, page) -> bool:
    return bool(rules.has_perm("governance.review_disclosure", user, page))


is_disclosure_officer = is_street_officer_for | is_district_officer_for

# Approve or return a finance/居务 disclosure; see the review queue.
rules.add_perm("governance.review_disclosure", is_independent_supervisor)
# Add or change catalogue entries; record a matter that must be disclosed.
rules.add_perm("governance.manage_catalogue", is_committee_member | is_platform_admin)
# See the catalogue, the due items and the oversight lists behind the figures.
rules.add_perm(
    "governance.view_disclosure_oversight",
    is_committee_member
    | is_supervision_member
    | is_disclosure_officer
    | is_platform_admin,
)
# File a question or objection on a disclosure.
rules.add_perm("governance.file_objection", is_verified_resident)
# Answer objections publicly.
rules.add_perm("governance.answer_objection", is_committee_member)
# The street officer's queue of escalated objections.
rules.add_perm(
    "governance.view_escalated_objections", is_disclosure_officer | is_platform_admin
)
