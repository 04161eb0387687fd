"""Who may run, watch, check in to and speak in a live meeting."""

from __future__ import annotations

from typing import Any

import rules

from communities.rules import is_verified_resident
from consultation.live.selectors import in_session
from consultation.meetings.models import Meeting
from consultation.meetings.rules import is_meeting_invitee, meeting_not_cancelled
from consultation.topics.rules import manages_consultations


# ---------------------------------------------------------------------------
# Live meeting mode (consultation/live/)
# ---------------------------------------------------------------------------
@rules.predicate
def meeting_in_session(user: Any, obj: Any) -> bool:
    """A meeting whose notice is out, not cancelled, around its planned time."""

    return isinstance(obj, Meeting) and in_session(obj)


@rules.predicate
def is_checked_in(user: Any, obj: Any) -> bool:

    if not isinstance(obj, Meeting) or not getattr(user, "is_authenticated", False):
        return False
    return obj.participants.filter(user=user, checked_in_at__isnull=False).exists()


# The control page: check people in, change the item, run votes and the queue.
rules.add_perm(
    "consultation.run_live_meeting", manages_consultations & meeting_not_cancelled
)
# The projector view for a signed-in screen (a secret link also opens it).
rules.add_perm("consultation.view_projector", manages_consultations)
# The participant's live page: the item, the vote, the queue, on their phone.
rules.add_perm(
    "consultation.view_live_meeting",
    manages_consultations | is_meeting_invitee | is_verified_resident,
)
# Scanning the QR code: participants and verified residents, while in session.
rules.add_perm(
    "consultation.check_in_self",
    (is_meeting_invitee | is_verified_resident) & meeting_in_session,
)
rules.add_perm("consultation.raise_hand", is_checked_in & meeting_in_session)
