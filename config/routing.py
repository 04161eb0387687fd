"""Websocket routes of every app, served under /ws/."""

from consultation.live.routing import websocket_urlpatterns as consultation_routes
from notifications.routing import websocket_urlpatterns as notification_routes
from volunteers.shifts.routing import websocket_urlpatterns as volunteer_routes

websocket_urlpatterns = [*notification_routes, *volunteer_routes, *consultation_routes]
