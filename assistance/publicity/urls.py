"""URLs of assistance.publicity (included by assistance.urls)."""

from django.urls import path

from assistance.publicity import views

CASE = "<slug:slug>/assistance/cases/<int:pk>/"

urlpatterns = [
    path(
        "<slug:slug>/assistance/publicity/",
        views.publicity_list,
        name="publicity-list",
    ),
    path(
        "<slug:slug>/assistance/publicity/<int:pk>/objection/",
        views.ObjectionView.as_view(),
        name="publicity-objection",
    ),
    path(
        CASE + "publicity/start/",
        views.StartPublicityView.as_view(),
        name="publicity-start",
    ),
    path(
        CASE + "objections/<int:objection>/uphold/",
        views.ObjectionUpholdView.as_view(),
        name="objection-uphold",
    ),
    path(
        CASE + "objections/<int:objection>/dismiss/",
        views.ObjectionDismissView.as_view(),
        name="objection-dismiss",
    ),
]
