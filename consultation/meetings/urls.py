"""URLs of the meetings pages (included by consultation/urls.py)."""

from django.urls import path

from consultation.meetings import views

urlpatterns = [
    path("consultations/my-meetings.ics", views.my_calendar, name="my-calendar"),
    path(
        "<slug:slug>/consultations/<int:pk>/meetings/new/",
        views.meeting_create,
        name="meeting-create",
    ),
    path(
        "<slug:slug>/consultations/meetings/<int:pk>/",
        views.meeting_detail,
        name="meeting",
    ),
    path(
        "<slug:slug>/consultations/meetings/<int:pk>/meeting.ics",
        views.meeting_ics,
        name="meeting-ics",
    ),
    path(
        "<slug:slug>/consultations/meetings/<int:pk>/action/",
        views.meeting_action,
        name="meeting-action",
    ),
    path(
        "<slug:slug>/consultations/meetings/<int:pk>/register/",
        views.meeting_register,
        name="meeting-register",
    ),
]
