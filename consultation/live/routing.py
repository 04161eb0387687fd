"""Websocket routes of the live meeting mode (included by config/routing.py)."""

from __future__ import annotations

from django.urls import path

from consultation.live.consumers import LiveMeetingConsumer

websocket_urlpatterns = [
    path(
        "ws/consultation/meetings/<int:meeting_id>/live/",
        LiveMeetingConsumer.as_asgi(),
    ),
]
