"""URLs of assistance.decisions (included by assistance.urls): one per step."""

from django.urls import path

from assistance.decisions import views

CASE = "<slug:slug>/assistance/cases/<int:pk>/"

urlpatterns = [
    path(CASE + "confirm/", views.ConfirmView.as_view(), name="case-confirm"),
    path(CASE + "refuse/", views.RefuseView.as_view(), name="case-refuse"),
    path(
        CASE + "appeal/uphold/", views.AppealUpholdView.as_view(), name="appeal-uphold"
    ),
    path(
        CASE + "appeal/dismiss/",
        views.AppealDismissView.as_view(),
        name="appeal-dismiss",
    ),
    path(
        CASE + "exceptions/new/", views.ExceptionView.as_view(), name="exception-grant"
    ),
]
