"""A community's administration pages under `/<slug>/` (included by communities.urls)."""

from django.urls import path

from communities.regions import views

urlpatterns = [
    path(
        "<slug:slug>/settings/",
        views.CommunitySettingsView.as_view(),
        name="settings",
    ),
]
