from django.urls import path

from volunteers.shifts.consumers import ShiftPlacesConsumer

websocket_urlpatterns = [
    path("ws/volunteers/shifts/<int:shift_id>/", ShiftPlacesConsumer.as_asgi()),
]
