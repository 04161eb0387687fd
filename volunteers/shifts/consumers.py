"""Live places left of one shift over a websocket. The numbers come from the database."""

from __future__ import annotations

from typing import Any

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from volunteers.shifts.models import Activity, Shift

# Sent when the shift does not exist or its activity is not published.
CLOSE_NOT_FOUND = 4404


def shift_group(shift_id: int) -> str:
    return f"volunteers.shift.{shift_id}"


def _places(shift_id: int) -> dict[str, Any] | None:
    shift = (
        Shift.objects.with_counts()
        .filter(pk=shift_id, activity__status=Activity.Status.PUBLISHED)
        .first()
    )
    if shift is None:
        return None
    return {
        "type": "places",
        "shift": shift.pk,
        "places_left": shift.places_left,
        "waiting": shift.waiting_count,
    }


class ShiftPlacesConsumer(AsyncJsonWebsocketConsumer):
    """Sends {"type": "places", ...} on connect and after every sign-up or cancel.

    Open to anonymous visitors: places left are shown on the public activity page.
    """

    async def connect(self):
        self.shift_id = int(self.scope["url_route"]["kwargs"]["shift_id"])
        await self.accept()
        if not await self.send_places():
            await self.close(code=CLOSE_NOT_FOUND)
            return
        self.group = shift_group(self.shift_id)
        await self.channel_layer.group_add(self.group, self.channel_name)

    async def disconnect(self, code):
        if hasattr(self, "group"):
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def send_places(self) -> bool:
        places = await database_sync_to_async(_places)(self.shift_id)
        if places is None:
            return False
        await self.send_json(places)
        return True

    async def volunteers_changed(self, event):
        await self.send_places()
