from django.urls import path

from consultation import deliberation_views, followup_views, views

app_name = "consultation"

urlpatterns = [
    path("consultations/my-meetings.ics", views.my_calendar, name="my-calendar"),
    path("<slug:slug>/consultations/", views.consultation_list, name="list"),
    path("<slug:slug>/consultations/new/", views.topic_create, name="topic-create"),
    path(
        "<slug:slug>/consultations/suggestions/new/",
        views.suggestion_create,
        name="suggestion-create",
    ),
    path(
        "<slug:slug>/consultations/suggestions/<int:pk>/",
        views.suggestion_detail,
        name="suggestion",
    ),
    path(
        "<slug:slug>/consultations/suggestions/<int:pk>/support/",
        views.suggestion_support,
        name="suggestion-support",
    ),
    path(
        "<slug:slug>/consultations/<int:pk>/",
        views.consultation_detail,
        name="detail",
    ),
    path(
        "<slug:slug>/consultations/<int:pk>/decide/",
        views.consultation_decide,
        name="decide",
    ),
    path(
        "<slug:slug>/consultations/<int:pk>/step/",
        views.consultation_step,
        name="step",
    ),
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
    path(
        "<slug:slug>/consultations/motions/<int:pk>/",
        views.motion_detail,
        name="motion",
    ),
    path(
        "<slug:slug>/consultations/motions/<int:pk>/vote/",
        views.motion_vote,
        name="motion-vote",
    ),
    path(
        "<slug:slug>/consultations/motions/<int:pk>/action/",
        views.motion_action,
        name="motion-action",
    ),
    # Deliberation (consultation/deliberation_views.py)
    path(
        "<slug:slug>/consultations/<int:pk>/comments/",
        deliberation_views.comment_post,
        name="comment-post",
    ),
    path(
        "<slug:slug>/consultations/comments/<int:pk>/report/",
        deliberation_views.comment_report,
        name="comment-report",
    ),
    path(
        "<slug:slug>/consultations/comments/<int:pk>/hide/",
        deliberation_views.comment_hide,
        name="comment-hide",
    ),
    # Minutes, resolutions and follow-up (consultation/followup_views.py)
    path(
        "<slug:slug>/consultations/meetings/<int:pk>/minutes/",
        followup_views.minutes_detail,
        name="minutes",
    ),
    path(
        "<slug:slug>/consultations/meetings/<int:pk>/minutes/action/",
        followup_views.minutes_action,
        name="minutes-action",
    ),
    path(
        "<slug:slug>/consultations/resolutions/<int:pk>/",
        followup_views.resolution_detail,
        name="resolution",
    ),
    path(
        "<slug:slug>/consultations/resolutions/<int:pk>/followups/new/",
        followup_views.followup_create,
        name="followup-create",
    ),
    path(
        "<slug:slug>/consultations/followups/",
        followup_views.followup_list,
        name="followups",
    ),
    path(
        "<slug:slug>/consultations/followups/<int:pk>/",
        followup_views.followup_detail,
        name="followup",
    ),
    path(
        "<slug:slug>/consultations/followups/<int:pk>/action/",
        followup_views.followup_action,
        name="followup-action",
    ),
]

# Live meeting mode (consultation/live_views.py).
from consultation import live_views  # noqa: E402

urlpatterns += [
    path(
        "<slug:slug>/consultations/meetings/<int:pk>/live/control/",
        live_views.live_control,
        name="live",
    ),
    path(
        "<slug:slug>/consultations/meetings/<int:pk>/live/control/action/",
        live_views.live_action,
        name="live-action",
    ),
    path(
        "<slug:slug>/consultations/meetings/<int:pk>/live/",
        live_views.live_participant,
        name="live-participant",
    ),
    path(
        "<slug:slug>/consultations/meetings/<int:pk>/live/action/",
        live_views.live_participant_action,
        name="live-participant-action",
    ),
    path(
        "<slug:slug>/consultations/meetings/<int:pk>/live/check-in/<str:token>/",
        live_views.live_checkin,
        name="live-checkin",
    ),
    path(
        "<slug:slug>/consultations/meetings/<int:pk>/live/projector/",
        live_views.live_projector,
        name="live-projector",
    ),
    path(
        "<slug:slug>/consultations/meetings/<int:pk>/live/qr.svg",
        live_views.live_qr,
        name="live-qr",
    ),
]
