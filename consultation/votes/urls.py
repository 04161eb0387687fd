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
        "<slug:slug>/consultations/motions/<int:pk>/open/",
        views.motion_open,
        name="motion-open",
    ),
    path(
        "<slug:slug>/consultations/motions/<int:pk>/close/",
        views.motion_close,
        name="motion-close",
    ),
    path(
        "<slug:slug>/consultations/motions/<int:pk>/paper/",
        views.motion_paper_tally,
        name="motion-paper-tally",
    ),
    path(
        "<slug:slug>/consultations/motions/<int:pk>/proxy/",
        views.motion_proxy,
        name="motion-proxy",
    ),
]
