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
        "<slug:slug>/consultations/meetings/<int:pk>/live/control/item/",
        views.live_show_item,
        name="live-item",
    ),
    path(
        "<slug:slug>/consultations/meetings/<int:pk>/live/control/check-in/",
        views.live_check_in,
        name="live-check-in",
    ),
    path(
        "<slug:slug>/consultations/meetings/<int:pk>/live/control/open-vote/",
        views.live_open_vote,
        name="live-open-vote",
    ),
    path(
        "<slug:slug>/consultations/meetings/<int:pk>/live/control/close-vote/",
        views.live_close_vote,
        name="live-close-vote",
    ),
    path(
        "<slug:slug>/consultations/meetings/<int:pk>/live/control/call-next/",
        views.live_call_next,
        name="live-call-next",
    ),
    path(
        "<slug:slug>/consultations/meetings/<int:pk>/live/control/clear-queue/",
        views.live_clear_queue,
        name="live-clear-queue",
    ),
    path(
        "<slug:slug>/consultations/meetings/<int:pk>/live/",
        views.live_participant,
        name="live-participant",
    ),
    path(
        "<slug:slug>/consultations/meetings/<int:pk>/live/raise-hand/",
        views.live_raise_hand,
        name="live-raise-hand",
    ),
    path(
        "<slug:slug>/consultations/meetings/<int:pk>/live/lower-hand/",
        views.live_lower_hand,
        name="live-lower-hand",
    ),
    path(
        "<slug:slug>/consultations/meetings/<int:pk>/live/vote/",
        views.live_vote,
        name="live-vote",
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
