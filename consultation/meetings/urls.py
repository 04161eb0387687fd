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
        "<slug:slug>/consultations/meetings/<int:pk>/notice/",
        views.meeting_publish_notice,
        name="meeting-publish-notice",
    ),
    path(
        "<slug:slug>/consultations/meetings/<int:pk>/held/",
        views.meeting_held,
        name="meeting-held",
    ),
    path(
        "<slug:slug>/consultations/meetings/<int:pk>/agenda/",
        views.meeting_add_agenda_item,
        name="meeting-agenda",
    ),
    path(
        "<slug:slug>/consultations/meetings/<int:pk>/invite/",
        views.meeting_invite,
        name="meeting-invite",
    ),
    path(
        "<slug:slug>/consultations/meetings/<int:pk>/check-in/",
        views.meeting_check_in,
        name="meeting-check-in",
    ),
    path(
        "<slug:slug>/consultations/meetings/<int:pk>/motions/new/",
        views.motion_create,
        name="motion-create",
    ),
    path(
        "<slug:slug>/consultations/meetings/<int:pk>/register/",
        views.meeting_register,
        name="meeting-register",
    ),
    path(
        "<slug:slug>/consultations/meetings/<int:pk>/register/cancel/",
        views.meeting_cancel_registration,
        name="meeting-cancel-registration",
    ),
]
