"""Reads of a live meeting: whether it is in session, the live motion, the state
sent to every page, one person's part, the roster.
"""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone

from consultation.live.models import SpeakingRequest
from consultation.meetings.models import Meeting, Participant
from consultation.votes import selectors as vote_selectors
from consultation.votes.models import Ballot, Motion
from consultation.votes.selectors import quorum_met, results_visible, tally

# Check-in and raised hands are possible from this long before the start until
# this long after the planned end.
SESSION_MARGIN_SECONDS = 2 * 3600


# ---------------------------------------------------------------------------
# Reads
# ---------------------------------------------------------------------------
def in_session(meeting: Meeting, now=None) -> bool:
    """Notice out, not cancelled, and from a while before the start to after the end."""
    now = now or timezone.now()
    if meeting.notice_published_at is None or meeting.cancelled_at is not None:
        return False
    margin = timezone.timedelta(seconds=SESSION_MARGIN_SECONDS)
    return meeting.starts_at - margin <= now <= meeting.ends_at + margin


def needed_for_quorum(motion: Motion) -> int:
    """The smallest turnout with which the motion's vote is valid."""

    electorate = motion.electorate_size
    if electorate <= 0 or motion.quorum_fraction is None:
        return 0
    n = max(0, math.floor(Decimal(motion.quorum_fraction) * electorate) - 1)
    while n <= electorate and not quorum_met(motion, n):
        n += 1
    return n


def live_motion(meeting: Meeting) -> Motion | None:
    """The vote shown live: an open motion of the meeting; else the last closed one
    (of the current agenda item when one is set), so its result stays on screen;
    else the current item's draft motion."""
    motions = Motion.objects.filter(agenda_item__meeting=meeting)
    motion = motions.filter(status=Motion.Status.OPEN).order_by("-opened_at").first()
    if motion is not None:
        return motion
    if meeting.current_item_id:
        motions = motions.filter(agenda_item_id=meeting.current_item_id)
    closed = motions.filter(status=Motion.Status.CLOSED).order_by("-closed_at").first()
    if closed is not None or not meeting.current_item_id:
        return closed
    return motions.order_by("created_at").first()


def _motion_state(motion: Motion) -> dict[str, Any]:
    """The live motion; a secret ballot shows only how many have voted until it
    closes (a tally moving after each vote tells the room what that person chose)."""
    counts = tally(motion)
    shown = results_visible(motion) and (motion.is_closed or not motion.is_secret)
    result = motion.result if motion.is_closed else None
    return {
        "id": motion.pk,
        "title": motion.title,
        "status": motion.status,
        "status_label": str(Motion.Status(motion.status).label),
        "method": motion.method,
        "max_choices": motion.max_choices,
        "secret": motion.is_secret,
        "hidden": not shown,
        "electorate": motion.electorate_size,
        "turnout": counts["turnout"],
        "quorum_needed": needed_for_quorum(motion),
        "options": [
            {
                "id": o["id"],
                "label": str(o["label"]),
                "count": o["count"] if shown else None,
            }
            for o in counts["options"]
        ],
        "valid": result["valid"] if result else None,
        "passed": result["passed"] if result else None,
    }


def snapshot(meeting_id: int) -> dict[str, Any] | None:
    """The meeting's public live state, from the database (a handful of queries)."""
    meeting = (
        Meeting.objects.select_related("community__settings", "current_item")
        .filter(pk=meeting_id)
        .first()
    )
    if meeting is None:
        return None
    # Both counts in one query: the snapshot is read after every burst of ballots.
    attendance = (
        Participant.objects.filter(meeting=meeting)
        .exclude(kind=Participant.Kind.EXPERT)
        .aggregate(
            expected=Count("pk"),
            present=Count("pk", filter=Q(checked_in_at__isnull=False)),
        )
    )
    expected, present = attendance["expected"], attendance["present"]
    fraction = Decimal(meeting.community.policy.quorum_fraction)
    meeting_quorum = math.floor(fraction * expected) + 1 if expected else 0
    item = meeting.current_item
    motion = live_motion(meeting)
    queue = [
        {
            "id": r.pk,
            "name": r.user.public_name,
            "speaking": r.called_at is not None,
        }
        for r in SpeakingRequest.objects.filter(
            meeting=meeting, done_at__isnull=True
        ).select_related("user")
    ]
    queue.sort(key=lambda r: not r["speaking"])
    return {
        "type": "state",
        "meeting": meeting.pk,
        "title": meeting.title,
        "in_session": in_session(meeting),
        "item": (
            {
                "id": item.pk,
                "position": item.position,
                "title": item.title,
                "description": item.description,
            }
            if item
            else None
        ),
        "attendance": {
            "present": present,
            "expected": expected,
            "quorum_needed": meeting_quorum,
            "quorum_met": expected > 0 and present >= meeting_quorum,
        },
        "motion": _motion_state(motion) if motion else None,
        "queue": queue,
        "at": timezone.now().isoformat(),
    }


def personal(meeting_id: int, user: Any) -> dict[str, Any]:
    """What this person is and may do at the meeting right now."""
    me: dict[str, Any] = {
        "type": "me",
        "participant": False,
        "checked_in": False,
        "hand": None,
        "may_vote": False,
        "voted": False,
    }
    if not getattr(user, "is_authenticated", False):
        return me
    participant = Participant.objects.filter(meeting_id=meeting_id, user=user).first()
    if participant is not None:
        me["participant"] = True
        me["checked_in"] = participant.checked_in_at is not None
    hand = SpeakingRequest.objects.filter(
        meeting_id=meeting_id, user=user, done_at__isnull=True
    ).first()
    if hand is not None:
        me["hand"] = "speaking" if hand.called_at else "waiting"
    motion = (
        Motion.objects.filter(
            agenda_item__meeting_id=meeting_id, status=Motion.Status.OPEN
        )
        .order_by("-opened_at")
        .first()
    )
    if motion is not None:
        electors = vote_selectors.electors_for(user=user, motion=motion)
        voted = set(
            Ballot.objects.filter(motion=motion, elector__in=electors).values_list(
                "elector_id", flat=True
            )
        )
        me["voted"] = bool(electors) and all(e.pk in voted for e in electors)
        me["may_vote"] = me["checked_in"] and any(e.pk not in voted for e in electors)
    return me


def roster(meeting_id: int) -> list[dict[str, Any]]:
    """The committee's check-in list (names unmasked: the committee runs the room)."""
    return [
        {
            "id": p.pk,
            "name": p.display_name,
            "kind": str(Participant.Kind(p.kind).label),
            "checked_in": p.checked_in_at is not None,
        }
        for p in Participant.objects.filter(meeting_id=meeting_id).select_related(
            "user"
        )
    ]
