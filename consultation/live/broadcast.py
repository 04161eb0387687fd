"""Pushing a live meeting's new state to its pages over the channel layer, after
the commit of the change that caused it.
"""

from __future__ import annotations

import asyncio
import logging
from functools import partial
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

from consultation.live.models import SpeakingRequest
from consultation.live.selectors import snapshot
from consultation.meetings.models import AgendaItem, Meeting, Participant
from consultation.votes.models import Ballot, Motion, PaperTally

logger = logging.getLogger(__name__)

# Marks an event that changes every connected person's own state (a vote opened).
EVERYONE = "*"


def group_name(meeting_id: int) -> str:
    return f"consultation.meeting.{meeting_id}"


# ---------------------------------------------------------------------------
# Pushes (after the commit)
# ---------------------------------------------------------------------------
def push(meeting_id: int, users: Any = (), roster_changed: bool = False) -> None:
    """Send the fresh snapshot to every live page of the meeting, now."""
    state = snapshot(meeting_id)
    if state is None:
        return
    event = {
        "type": "live.state",
        "state": state,
        "users": users if users == EVERYONE else sorted(set(users)),
        "roster": roster_changed,
    }
    layer = get_channel_layer()
    try:
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            loop = None
        if loop is None:
            async_to_sync(layer.group_send)(group_name(meeting_id), event)
        else:  # called from async code (e.g. a consumer's thread-less caller)
            loop.create_task(layer.group_send(group_name(meeting_id), event))
    except Exception:  # a push must never break the write that caused it
        logger.exception("live meeting push failed for meeting %s", meeting_id)


def broadcast(meeting_id: int, users: Any = (), roster_changed: bool = False) -> None:
    """Push once the current transaction commits (at once outside one)."""
    transaction.on_commit(
        partial(push, meeting_id, users=users, roster_changed=roster_changed)
    )


def _on_ballot(sender, instance: Ballot, created: bool, **kwargs) -> None:
    meeting_id = (
        Motion.objects.filter(pk=instance.motion_id)
        .values_list("agenda_item__meeting_id", flat=True)
        .first()
    )
    if meeting_id:
        users = [u for u in (instance.cast_by_id,) if u]
        broadcast(meeting_id, users=users)


def _on_motion(sender, instance: Motion, **kwargs) -> None:
    meeting_id = (
        AgendaItem.objects.filter(pk=instance.agenda_item_id)
        .values_list("meeting_id", flat=True)
        .first()
    )
    if meeting_id:
        broadcast(meeting_id, users=EVERYONE)


def _on_paper_tally(sender, instance: PaperTally, **kwargs) -> None:
    _on_motion(sender, instance.motion)


def _on_participant(sender, instance: Participant, **kwargs) -> None:
    users = [instance.user_id] if instance.user_id else []
    broadcast(instance.meeting_id, users=users, roster_changed=True)


def _on_speaking_request(sender, instance: SpeakingRequest, **kwargs) -> None:
    broadcast(instance.meeting_id, users=[instance.user_id])


def _on_meeting(sender, instance: Meeting, created: bool, **kwargs) -> None:
    if not created:
        broadcast(instance.pk)


# Every save a live page shows, and the receiver that pushes it (connected by
# consultation/registration.py).
RECEIVERS = (
    (Ballot, _on_ballot),
    (Motion, _on_motion),
    (PaperTally, _on_paper_tally),
    (Participant, _on_participant),
    (SpeakingRequest, _on_speaking_request),
    (Meeting, _on_meeting),
)
