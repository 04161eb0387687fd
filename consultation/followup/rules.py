"""Who may edit and confirm minutes, manage follow-up items, post progress, close,
follow and rate them.
"""

from __future__ import annotations

from typing import Any

import rules

from communities.rules import is_verified_resident
from consultation.followup.selectors import took_part_user_ids
from consultation.topics.rules import manages_consultations


@rules.predicate
def minutes_in_draft(user: Any, obj: Any) -> bool:
    return obj.status == obj.Status.DRAFT


@rules.predicate
def minutes_circulating(user: Any, obj: Any) -> bool:
    return obj.status == obj.Status.CIRCULATING


@rules.predicate
def minutes_confirmed(user: Any, obj: Any) -> bool:
    """Adopted minutes are public; drafts and those awaiting confirmation are not."""
    return obj.status == obj.Status.CONFIRMED


@rules.predicate
def is_meeting_participant(user: Any, obj: Any) -> bool:
    """A participant (with an account) of the meeting the minutes record."""
    if not getattr(user, "is_authenticated", False):
        return False
    return obj.meeting.participants.filter(user=user).exists()


@rules.predicate
def has_not_confirmed(user: Any, obj: Any) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return not obj.confirmations.filter(user=user).exists()


@rules.predicate
def item_open(user: Any, obj: Any) -> bool:
    return obj.closed_at is None


@rules.predicate
def item_closed(user: Any, obj: Any) -> bool:
    return obj.closed_at is not None


@rules.predicate
def owns_item(user: Any, obj: Any) -> bool:
    return getattr(user, "is_authenticated", False) and obj.owner_user_id == user.pk


@rules.predicate
def took_part(user: Any, obj: Any) -> bool:
    """Took part in the item's consultation (see followup.took_part_user_ids)."""

    if not getattr(user, "is_authenticated", False):
        return False
    return user.pk in took_part_user_ids(obj.resolution.consultation)


@rules.predicate
def has_not_rated(user: Any, obj: Any) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return not obj.ratings.filter(user=user).exists()


rules.add_perm(
    "consultation.view_minutes",
    minutes_confirmed | is_meeting_participant | manages_consultations,
)
rules.add_perm("consultation.edit_minutes", manages_consultations & minutes_in_draft)
rules.add_perm(
    "consultation.confirm_minutes",
    minutes_circulating & is_meeting_participant & has_not_confirmed,
)
rules.add_perm("consultation.manage_followup", manages_consultations)
rules.add_perm(
    "consultation.post_progress", (manages_consultations | owns_item) & item_open
)
rules.add_perm(
    "consultation.close_followup", (manages_consultations | owns_item) & item_open
)
rules.add_perm("consultation.follow_item", is_verified_resident)
rules.add_perm(
    "consultation.rate_followup",
    is_verified_resident & item_closed & took_part & has_not_rated,
)
