"""URLs of the deliberation pages (included by consultation/urls.py)."""

from django.urls import path

from consultation.deliberation import views

urlpatterns = [
    path(
        "<slug:slug>/consultations/<int:pk>/comments/",
        views.comment_post,
        name="comment-post",
    ),
    path(
        "<slug:slug>/consultations/comments/<int:pk>/report/",
        views.comment_report,
        name="comment-report",
    ),
    path(
        "<slug:slug>/consultations/comments/<int:pk>/hide/",
        views.comment_hide,
        name="comment-hide",
    ),
]
