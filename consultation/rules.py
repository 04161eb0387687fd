"""Who may do what in consultations: predicates and the permission table.

Objects are a community, or a consultation, suggestion, meeting or motion of it
(each answers for its community). The tables are in docs/permissions.md
("Consultation"); services check the same rules whoever calls them.
"""

from __future__ import annotations

from typing import Any

import rules
from django.utils import timezone

from communities.rules import (
    is_committee_member,
    is_platform_admin,
    is_verified_resident,
)

manages_consultations = is_committee_member | is_platform_admin


@rules.predicate
def is_proposed(user: Any, obj: Any) -> bool:
    """A consultation waiting for the committee's accept/decline."""
    from consultation.models import State

    return getattr(obj, "state", None) == State.PROPOSED


@rules.predicate
def collects_support(user: Any, obj: Any) -> bool:
    """A suggestion still collecting support."""
    from consultation.models import Suggestion

    return isinstance(obj, Suggestion) and obj.status == Suggestion.Status.OPEN


@rules.predicate
def has_not_supported(user: Any, obj: Any) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return not obj.supports.filter(user=user).exists()


@rules.predicate
def registration_is_open(user: Any, obj: Any) -> bool:
    """A meeting whose notice is out, with open registration, not started."""
    from consultation.models import Meeting

    return (
        isinstance(obj, Meeting)
        and obj.registration_open
        and obj.notice_published_at is not None
        and obj.cancelled_at is None
        and obj.starts_at > timezone.now()
    )


@rules.predicate
def is_open_motion(user: Any, obj: Any) -> bool:
    from consultation.models import Motion

    return isinstance(obj, Motion) and obj.status == Motion.Status.OPEN


@rules.predicate
def is_elector(user: Any, obj: Any) -> bool:
    """In the motion's electorate snapshot, or holder of a recorded proxy."""
    from consultation.services import electors_for

    return bool(electors_for(user=user, motion=obj))


@rules.predicate
def results_shown(user: Any, obj: Any) -> bool:
    from consultation.selectors import results_visible

    return results_visible(obj)


rules.add_perm("consultation.view_consultation", rules.always_allow)
rules.add_perm("consultation.propose_topic", manages_consultations)
rules.add_perm("consultation.manage_consultation", manages_consultations)
rules.add_perm("consultation.decide_topic", manages_consultations & is_proposed)
rules.add_perm("consultation.post_suggestion", is_verified_resident)
rules.add_perm(
    "consultation.support_suggestion",
    is_verified_resident & collects_support & has_not_supported,
)
rules.add_perm(
    "consultation.register_meeting", is_verified_resident & registration_is_open
)
rules.add_perm("consultation.vote", is_open_motion & is_elector)
rules.add_perm("consultation.view_results", results_shown)


# ---------------------------------------------------------------------------
# Deliberation, minutes and follow-up (consultation/deliberation.py, followup.py)
#
# Objects: a consultation (comment), a comment (report, moderate), minutes
# (edit, confirm), a follow-up item (post progress, follow, rate, close) or the
# community (manage follow-ups). Each answers for its community.
# ---------------------------------------------------------------------------
def _consultation_of(obj: Any) -> Any:
    from consultation.models import Comment, Consultation

    if isinstance(obj, Consultation):
        return obj
    if isinstance(obj, Comment):
        return obj.consultation
    return None


@rules.predicate
def discussion_open(user: Any, obj: Any) -> bool:
    """Comments are taken until the consultation is closed or declined."""
    from consultation.models import State

    consultation = _consultation_of(obj)
    return consultation is not None and consultation.state not in (
        State.CLOSED,
        State.DECLINED,
    )


@rules.predicate
def takes_part_in_consultation(user: Any, obj: Any) -> bool:
    """Invited or registered (with an account) at a meeting of the consultation."""
    from consultation.models import Participant

    consultation = _consultation_of(obj)
    if consultation is None or not getattr(user, "is_authenticated", False):
        return False
    return Participant.objects.filter(
        meeting__consultation=consultation, user=user
    ).exists()


@rules.predicate
def is_comment_author(user: Any, obj: Any) -> bool:
    return getattr(user, "is_authenticated", False) and obj.author_id == user.pk


@rules.predicate
def comment_shown(user: Any, obj: Any) -> bool:
    return obj.hidden_at is None


@rules.predicate
def has_not_reported(user: Any, obj: Any) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return not obj.reports.filter(reporter=user).exists()


@rules.predicate
def minutes_in_draft(user: Any, obj: Any) -> bool:
    return obj.status == obj.Status.DRAFT


@rules.predicate
def minutes_circulating(user: Any, obj: Any) -> bool:
    return obj.status == obj.Status.CIRCULATING


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
    from consultation.followup import took_part_user_ids

    if not getattr(user, "is_authenticated", False):
        return False
    return user.pk in took_part_user_ids(obj.resolution.consultation)


@rules.predicate
def has_not_rated(user: Any, obj: Any) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return not obj.ratings.filter(user=user).exists()


may_deliberate = (
    is_verified_resident | takes_part_in_consultation | manages_consultations
)

rules.add_perm("consultation.comment", may_deliberate & discussion_open)
rules.add_perm(
    "consultation.report_comment",
    is_verified_resident & comment_shown & ~is_comment_author & has_not_reported,
)
rules.add_perm("consultation.moderate_comment", manages_consultations)
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


# ---------------------------------------------------------------------------
# Live meeting mode (consultation/live.py, live_views.py, consumers.py)
# ---------------------------------------------------------------------------
@rules.predicate
def meeting_in_session(user: Any, obj: Any) -> bool:
    """A meeting whose notice is out, not cancelled, around its planned time."""
    from consultation.live import in_session
    from consultation.models import Meeting

    return isinstance(obj, Meeting) and in_session(obj)


@rules.predicate
def is_meeting_invitee(user: Any, obj: Any) -> bool:
    """Invited or registered for this meeting (experts and units included)."""
    from consultation.models import Meeting

    if not isinstance(obj, Meeting) or not getattr(user, "is_authenticated", False):
        return False
    return obj.participants.filter(user=user).exists()


@rules.predicate
def is_checked_in(user: Any, obj: Any) -> bool:
    from consultation.models import Meeting

    if not isinstance(obj, Meeting) or not getattr(user, "is_authenticated", False):
        return False
    return obj.participants.filter(user=user, checked_in_at__isnull=False).exists()


@rules.predicate
def meeting_not_cancelled(user: Any, obj: Any) -> bool:
    return getattr(obj, "cancelled_at", None) is None


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
