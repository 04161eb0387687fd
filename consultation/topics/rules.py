"""Who may propose, decide and support topics; `manages_consultations` is the
committee predicate every concern's table builds on.
"""

from __future__ import annotations

from typing import Any

import rules

from communities.rules import (
    is_committee_member,
    is_platform_admin,
    is_verified_resident,
)
from consultation.topics.models import State, Suggestion

manages_consultations = is_committee_member | is_platform_admin


@rules.predicate
def is_proposed(user: Any, obj: Any) -> bool:
    """A consultation waiting for the committee's accept/decline."""

    return getattr(obj, "state", None) == State.PROPOSED


@rules.predicate
def collects_support(user: Any, obj: Any) -> bool:
    """A suggestion still collecting support."""

    return isinstance(obj, Suggestion) and obj.status == Suggestion.Status.OPEN


@rules.predicate
def has_not_supported(user: Any, obj: Any) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return not obj.supports.filter(user=user).exists()


rules.add_perm("consultation.view_consultation", rules.always_allow)
rules.add_perm("consultation.propose_topic", manages_consultations)
rules.add_perm("consultation.manage_consultation", manages_consultations)
rules.add_perm("consultation.decide_topic", manages_consultations & is_proposed)
rules.add_perm("consultation.post_suggestion", is_verified_resident)
rules.add_perm(
    "consultation.support_suggestion",
    is_verified_resident & collects_support & has_not_supported,
)
