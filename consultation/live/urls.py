"""URLs of the live pages (included by consultation/urls.py)."""

from django.urls import path

from consultation.live import views

urlpatterns = [
    path(
        "<slug:slug>/consultations/meetings/<int:pk>/live/control/",
        views.live_control,
        name="live",
    ),
    path(
        "<slug:slug>/consultations/meetings/<int:pk>/live/control/action/",
        views.live_action,
        name="live-action",
    ),
    path(
        "<slug:slug>/consultations/meetings/<int:pk>/live/",
        views.live_participant,
        name="live-participant",
    ),
    path(
        "<slug:slug>/consultations/meetings/<int:pk>/live/action/",
        views.live_participant_action,
        name="live-participant-action",
    ),
    path(
        "<slug:slug>/consultations/meetings/<int:pk>/live/check-in/<str:token>/",
        views.live_checkin,
        name="live-checkin",
    ),
    path(
        "<slug:slug>/consultations/meetings/<int:pk>/live/projector/",
        views.live_projector,
        name="live-projector",
    ),
    path(
        "<slug:slug>/consultations/meetings/<int:pk>/live/qr.svg",
        views.live_qr,
        name="live-qr",
    ),
]
