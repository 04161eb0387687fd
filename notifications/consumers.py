"""Live unread badge over a websocket. The count always comes from the database."""

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from notifications.selectors import unread_count


def user_group(user_id: int) -> str:
    return f"notifications.user.{user_id}"


class NotificationConsumer(AsyncJsonWebsocketConsumer):
    async def connect(self):
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.close(code=4401)
            return
        self.group = user_group(user.pk)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()
        await self.send_count()

    async def disconnect(self, code):
        if hasattr(self, "group"):
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def send_count(self):
        count = await database_sync_to_async(unread_count)(self.scope["user"])
        await self.send_json({"type": "unread", "count": count})

    async def notifications_changed(self, event):
        """Sent to the person's group after a change commits; re-read the truth."""
        await self.send_count()
