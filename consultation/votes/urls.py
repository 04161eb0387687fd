"""URLs of the votes pages (included by consultation/urls.py)."""

from django.urls import path

from consultation.votes import views

urlpatterns = [
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
]
