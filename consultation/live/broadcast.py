"""Pushing a live meeting's new state to its pages over the channel layer, after
the commit of the change that caused it.

Pushes are coalesced per meeting and process (`LIVE_PUSH_WINDOW_MS`): the first
change after a quiet window is pushed at once, in the thread that committed it;
changes within the window after a push wait for one trailing push at its end, which
carries every person whose own state changed meanwhile. A vote of 1,000 people then
computes the meeting's snapshot a few times a second, not 1,000 times. The trailing
push runs in a timer thread that closes its database connection when done; see
docs/architecture.md (live meetings) for why not the task queue.
"""

from __future__ import annotations

import asyncio
import logging
import os
import threading
import time
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from asgiref.sync import SyncToAsync
from channels.layers import get_channel_layer
from django.conf import settings
from django.db import connections, transaction

from config import pushes
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
    _send(meeting_id, users, roster_changed, loop=None)


def _send(
    meeting_id: int,
    users: Any,
    roster_changed: bool,
    loop: asyncio.AbstractEventLoop | None,
) -> None:
    """Compute the snapshot and send it; `loop` is the event loop of the thread
    that asked for a trailing push (daphne's), used when still running."""
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

    async def deliver() -> None:
        await layer.group_send(group_name(meeting_id), event)

    try:
        pushes.run(deliver, layer, consumers_loop=loop)
    except Exception:  # a push must never break the write that caused it
        logger.exception("live meeting push failed for meeting %s", meeting_id)


@dataclass
class _Window:
    """One meeting's coalescing state in this process."""

    last: float = -1e9  # when the last push was started (monotonic seconds)
    due: float | None = None  # when the scheduled trailing push runs
    users: set | str = field(default_factory=set)
    roster: bool = False
    loop: asyncio.AbstractEventLoop | None = None
    sending: bool = False  # a trailing push is computing or sending


_lock = threading.Lock()
_windows: dict[int, _Window] = {}


def _reset() -> None:
    """Forget every window (a forked process has none of its parent's timers)."""
    global _lock
    _lock = threading.Lock()
    _windows.clear()


os.register_at_fork(after_in_child=_reset)


def _window_seconds() -> float:
    return max(0, getattr(settings, "LIVE_PUSH_WINDOW_MS", 150)) / 1000


def _merge(window: _Window, users: Any, roster_changed: bool) -> None:
    if users == EVERYONE or window.users == EVERYONE:
        window.users = EVERYONE
    else:
        window.users |= set(users)
    window.roster = window.roster or roster_changed


def _caller_loop() -> asyncio.AbstractEventLoop | None:
    """The event loop this sync thread was called from (daphne runs sync code in
    a thread for its loop), else None (gunicorn, scripts, tests without a loop)."""
    loop = getattr(SyncToAsync.threadlocal, "main_event_loop", None)
    if getattr(SyncToAsync.threadlocal, "main_event_loop_pid", None) != os.getpid():
        return None
    return loop if loop is not None and loop.is_running() else None


def coalesced_push(
    meeting_id: int, users: Any = (), roster_changed: bool = False
) -> None:
    """Push now when nothing was pushed for this meeting within the window, else
    fold the change into the window's trailing push (scheduling it if needed)."""
    span = _window_seconds()
    now = time.monotonic()
    with _lock:
        window = _windows.setdefault(meeting_id, _Window())
        # A trailing push long overdue was lost (its thread never ran): start over.
        if window.due is not None and now > window.due + 30:
            window.due = None
        if window.due is None and now - window.last >= span:
            window.last = now
            lead = True
        else:
            lead = False
            _merge(window, users, roster_changed)
            window.loop = _caller_loop() or window.loop
            if window.due is None:
                window.due = window.last + span
                timer = threading.Timer(
                    max(0.0, window.due - now), _trailing, args=(meeting_id,)
                )
                timer.start()
    if lead:
        push(meeting_id, users=users, roster_changed=roster_changed)


def _trailing(meeting_id: int) -> None:
    """The window's trailing push, in its timer thread: everything folded in so
    far is committed, so the snapshot read now shows it."""
    with _lock:
        window = _windows.get(meeting_id)
        if window is None or window.due is None:
            return
        users, roster, loop = window.users, window.roster, window.loop
        window.users, window.roster, window.loop = set(), False, None
        window.due = None
        window.last = time.monotonic()
        window.sending = True
    try:
        _send(meeting_id, users, roster, loop=loop)
    except Exception:
        logger.exception("live meeting push failed for meeting %s", meeting_id)
    finally:
        window.sending = False
        connections.close_all()  # this thread's connections only


def broadcast(meeting_id: int, users: Any = (), roster_changed: bool = False) -> None:
    """Push once the current transaction commits (at once outside one), coalesced."""
    transaction.on_commit(
        partial(coalesced_push, meeting_id, users=users, roster_changed=roster_changed)
    )


def _on_ballot(sender, instance: Ballot, created: bool, **kwargs) -> None:
    motion = instance.motion if Ballot.motion.is_cached(instance) else None
    if motion is not None and Motion.agenda_item.is_cached(motion):
        meeting_id = motion.agenda_item.meeting_id  # the caller's, no query
    else:
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
