"""The personal calendar's addresses (mounted at the site root, namespace "calendar")."""

from django.urls import path

from notifications.calendar import views as calendar_views

app_name = "calendar"

urlpatterns = [
    path("my/calendar/", calendar_views.my_calendar, name="page"),
    path("my/calendar/feed/<str:token>.ics", calendar_views.calendar_feed, name="feed"),
]
