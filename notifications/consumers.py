"""Live unread badge over a websocket. The count always comes from the database."""

import json

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from notifications.selectors import unread_count

# Sent to a socket without a signed-in person; the page stops reconnecting on it.
CLOSE_UNAUTHENTICATED = 4401


def user_group(user_id: int) -> str:
    return f"notifications.user.{user_id}"


class NotificationConsumer(AsyncJsonWebsocketConsumer):
    """Sends {"type": "unread", "count": N} on connect, on every change, on request."""

    async def connect(self):
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            # Accept first so the browser sees the code (a refused handshake shows
            # only 1006) and knows not to retry.
            await self.accept()
            await self.close(code=CLOSE_UNAUTHENTICATED)
            return
        self.group = user_group(user.pk)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()
        await self.send_count()

    async def disconnect(self, code):
        if hasattr(self, "group"):
            await self.channel_layer.group_discard(self.group, self.channel_name)

    @classmethod
    async def decode_json(cls, text_data):
        try:
            return json.loads(text_data)
        except ValueError:
            return None

    async def receive_json(self, content, **kwargs):
        """The page asks again (e.g. when it becomes visible): answer from the database."""
        if (
            hasattr(self, "group")
            and isinstance(content, dict)
            and content.get("type") == "refresh"
        ):
            await self.send_count()

    async def send_count(self):
        count = await database_sync_to_async(unread_count)(self.scope["user"])
        await self.send_json({"type": "unread", "count": count})

    async def notifications_changed(self, event):
        """Sent to the person's group after a change commits; re-read the truth."""
        await self.send_count()
