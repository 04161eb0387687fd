"""The organisations pages' URLs (included by charity/urls.py, which sets `app_name`)."""

from django.urls import path

from charity.organisations import views

urlpatterns = [
    path(
        "<slug:slug>/charity/manage/organisations/new/",
        views.OrganisationEditView.as_view(),
        name="organisation-new",
    ),
    path(
        "<slug:slug>/charity/manage/organisations/<int:pk>/",
        views.OrganisationEditView.as_view(),
        name="organisation-edit",
    ),
]
