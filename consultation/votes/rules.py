"""Who may vote and see results."""

from __future__ import annotations

from typing import Any

import rules

from consultation.votes.models import Motion
from consultation.votes.selectors import electors_for, results_visible


@rules.predicate
def is_open_motion(user: Any, obj: Any) -> bool:

    return isinstance(obj, Motion) and obj.status == Motion.Status.OPEN


@rules.predicate
def is_elector(user: Any, obj: Any) -> bool:
    """In the motion's electorate snapshot, or holder of a recorded proxy."""

    return bool(electors_for(user=user, motion=obj))


@rules.predicate
def results_shown(user: Any, obj: Any) -> bool:

    return results_visible(obj)


rules.add_perm("consultation.vote", is_open_motion & is_elector)

rules.add_perm("consultation.view_results", results_shown)


def may_vote_with(user: Any, motion: Motion, electors: list) -> bool:
    """`consultation.vote` when the caller has just read the person's electors
    (`electors_for`): the same rule, without reading them again."""
    return bool(is_open_motion.test(user, motion) and electors)
