"""Who may comment, report and moderate comments."""

from __future__ import annotations

from typing import Any

import rules

from communities.rules import (
    is_verified_resident,
)
from consultation.deliberation.models import Comment
from consultation.meetings.models import Participant
from consultation.topics.models import Consultation, State
from consultation.topics.rules import manages_consultations


# ---------------------------------------------------------------------------
# Deliberation (consultation/deliberation/)
#
# Objects: a consultation (comment), a comment (report, moderate), minutes
# (edit, confirm), a follow-up item (post progress, follow, rate, close) or the
# community (manage follow-ups). Each answers for its community.
# ---------------------------------------------------------------------------
def _consultation_of(obj: Any) -> Any:

    if isinstance(obj, Consultation):
        return obj
    if isinstance(obj, Comment):
        return obj.consultation
    return None


@rules.predicate
def discussion_open(user: Any, obj: Any) -> bool:
    """Comments are taken until the consultation is closed or declined."""

    consultation = _consultation_of(obj)
    return consultation is not None and consultation.state not in (
        State.CLOSED,
        State.DECLINED,
    )


@rules.predicate
def takes_part_in_consultation(user: Any, obj: Any) -> bool:
    """Invited or registered (with an account) at a meeting of the consultation."""

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


may_deliberate = (
    is_verified_resident | takes_part_in_consultation | manages_consultations
)

rules.add_perm("consultation.comment", may_deliberate & discussion_open)
rules.add_perm(
    "consultation.report_comment",
    is_verified_resident & comment_shown & ~is_comment_author & has_not_reported,
)
rules.add_perm("consultation.moderate_comment", manages_consultations)
