"""URLs of the followup pages (included by consultation/urls.py)."""

from django.urls import path

from consultation.followup import views

urlpatterns = [
    path(
        "<slug:slug>/consultations/meetings/<int:pk>/minutes/",
        views.minutes_detail,
        name="minutes",
    ),
    path(
        "<slug:slug>/consultations/meetings/<int:pk>/minutes/action/",
        views.minutes_action,
        name="minutes-action",
    ),
    path(
        "<slug:slug>/consultations/resolutions/<int:pk>/",
        views.resolution_detail,
        name="resolution",
    ),
    path(
        "<slug:slug>/consultations/resolutions/<int:pk>/followups/new/",
        views.followup_create,
        name="followup-create",
    ),
    path(
        "<slug:slug>/consultations/followups/",
        views.followup_list,
        name="followups",
    ),
    path(
        "<slug:slug>/consultations/followups/<int:pk>/",
        views.followup_detail,
        name="followup",
    ),
    path(
        "<slug:slug>/consultations/followups/<int:pk>/action/",
        views.followup_action,
        name="followup-action",
    ),
]
