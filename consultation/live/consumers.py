"""The live meeting over a websocket: one group per meeting, state from the database.

    /ws/consultation/meetings/<id>/live/?view=participant|control|projector[&key=...]

On connect the consumer sends the meeting's full state (`{"type": "state"}`), the
person's own (`{"type": "me"}`) and, on the control view, the roster
(`{"type": "roster"}`); after every change it sends the state again, so a client
that reconnects simply re-reads everything. Closes with 4403 when the person may
not see the view, and with the same 4403 when the meeting does not exist ("not
allowed" comes first, so meeting ids cannot be probed); 4404 only when a meeting
the person was allowed to open is deleted while connecting.
"""

from __future__ import annotations

import asyncio
import logging
import os
from typing import Any
from urllib.parse import parse_qs

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from consultation.live import broadcast as live_broadcast
from consultation.live import selectors as live_selectors
from consultation.live import tokens as live_tokens
from consultation.meetings.models import Meeting

logger = logging.getLogger(__name__)

CLOSE_FORBIDDEN = 4403
CLOSE_NOT_FOUND = 4404
VIEWS = ("participant", "control", "projector")


def _allowed(user: Any, meeting_id: int, view: str, key: str | None) -> int | None:
    """None when allowed, else the close code."""

    meeting = Meeting.objects.select_related("community").filter(pk=meeting_id).first()
    if meeting is None:
        # Nobody may open a meeting that does not exist: the same answer as for
        # one the person may not open, so meeting ids cannot be probed.
        return CLOSE_FORBIDDEN
    if view == "control":
        ok = user.has_perm("consultation.run_live_meeting", meeting)
    elif view == "projector":
        ok = live_tokens.projector_key_valid(meeting, key) or user.has_perm(
            "consultation.view_projector", meeting
        )
    else:
        ok = user.has_perm("consultation.view_live_meeting", meeting)
    return None if ok else CLOSE_FORBIDDEN


class _Hub:
    """One channel-layer member per process and meeting, fanning out locally.

    A meeting's event then costs the channel layer one message per server process,
    not one per open page (with Redis, each message is a round trip; with 1,000
    phones in the room that was most of the delay). Each page keeps its own queue,
    so it sees the events in order.
    """

    hubs: dict[tuple[int, int], _Hub] = {}

    def __init__(self, layer: Any, meeting_id: int):
        self.loop = asyncio.get_running_loop()
        self.layer = layer
        self.group = live_broadcast.group_name(meeting_id)
        self.members: set[LiveMeetingConsumer] = set()
        self.channel = ""
        self.task: asyncio.Task | None = None

    @classmethod
    async def join(cls, layer: Any, meeting_id: int, member: LiveMeetingConsumer):
        key = (id(asyncio.get_running_loop()), meeting_id)
        hub = cls.hubs.get(key)
        # A loop id can be reused after a loop is gone (tests, forked servers):
        # only a hub of this very loop with its task alive serves.
        if hub is not None and (
            hub.loop is not asyncio.get_running_loop()
            or hub.task is None
            or hub.task.done()
        ):
            hub = None
        if hub is None:
            hub = cls.hubs[key] = cls(layer, meeting_id)
            hub.channel = await layer.new_channel()
            await layer.group_add(hub.group, hub.channel)
            hub.task = asyncio.create_task(hub.run())
        hub.members.add(member)
        return hub

    async def leave(self, member: LiveMeetingConsumer, meeting_id: int) -> None:
        self.members.discard(member)
        if self.members:
            return
        key = (id(asyncio.get_running_loop()), meeting_id)
        if self.hubs.get(key) is self:
            del self.hubs[key]
        if self.task is not None:
            self.task.cancel()
        await self.layer.group_discard(self.group, self.channel)

    async def run(self) -> None:
        while True:
            try:
                message = await self.layer.receive(self.channel)
            except asyncio.CancelledError:
                raise
            except Exception:  # keep serving the room; log and retry
                logger.exception("live meeting hub receive failed")
                await asyncio.sleep(1)
                continue
            for member in list(self.members):
                member.inbox.put_nowait(message)


# A forked server process starts with no hubs of its parent's loops.
os.register_at_fork(after_in_child=_Hub.hubs.clear)


class LiveMeetingConsumer(AsyncJsonWebsocketConsumer):
    async def connect(self):
        self.meeting_id = int(self.scope["url_route"]["kwargs"]["meeting_id"])
        query = parse_qs(self.scope.get("query_string", b"").decode())
        view = (query.get("view") or ["participant"])[0]
        self.view = view if view in VIEWS else "participant"
        key = (query.get("key") or [None])[0]
        self.user = self.scope.get("user")
        await self.accept()
        refused = await database_sync_to_async(_allowed)(
            self.user, self.meeting_id, self.view, key
        )
        if refused:
            await self.close(code=refused)
            return
        # Join before reading, so no change between the read and the join is missed.
        self.inbox: asyncio.Queue = asyncio.Queue()
        self.hub = await _Hub.join(self.channel_layer, self.meeting_id, self)
        self.forwarder = asyncio.create_task(self.forward())
        state = await database_sync_to_async(live_selectors.snapshot)(self.meeting_id)
        if state is None:
            await self.close(code=CLOSE_NOT_FOUND)
            return
        await self.send_json(state)
        await self.send_me()
        if self.view == "control":
            await self.send_roster()

    async def disconnect(self, code):
        if hasattr(self, "hub"):
            self.forwarder.cancel()
            await self.hub.leave(self, self.meeting_id)

    async def forward(self) -> None:
        """Hand this page the hub's events, one at a time, in order."""
        while True:
            event = await self.inbox.get()
            try:
                await self.live_state(event)
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.exception("live meeting page update failed")

    async def receive_json(self, content, **kwargs):
        # Actions go through the pages' forms (HTTP); a client may ask to re-read.
        if isinstance(content, dict) and content.get("type") == "refresh":
            state = await database_sync_to_async(live_selectors.snapshot)(
                self.meeting_id
            )
            if state is not None:
                await self.send_json(state)
            await self.send_me()

    async def send_me(self):
        if self.view != "participant":
            return
        me = await database_sync_to_async(live_selectors.personal)(
            self.meeting_id, self.user
        )
        await self.send_json(me)

    async def send_roster(self):
        rows = await database_sync_to_async(live_selectors.roster)(self.meeting_id)
        await self.send_json({"type": "roster", "participants": rows})

    async def live_state(self, event):
        await self.send_json(event["state"])
        users = event.get("users") or ()
        user_id = getattr(self.user, "pk", None)
        if users == live_broadcast.EVERYONE or (
            user_id is not None and user_id in users
        ):
            await self.send_me()
        if self.view == "control" and event.get("roster"):
            await self.send_roster()
