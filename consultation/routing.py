from django.urls import path

from consultation.consumers import LiveMeetingConsumer

websocket_urlpatterns = [
    path(
        "ws/consultation/meetings/<int:meeting_id>/live/",
        LiveMeetingConsumer.as_asgi(),
    ),
]
