"""URLs of assistance.standards (included by assistance.urls): the public
standards page and the district supervisor's pages."""

from django.urls import path

from assistance.standards import views

urlpatterns = [
    path("assistance/standards/", views.standards_page, name="standards"),
    path(
        "regions/<slug:region_slug>/assistance/standards/",
        views.ManageView.as_view(),
        name="manage-standards",
    ),
    path(
        "regions/<slug:region_slug>/assistance/standards/record/",
        views.RecordStandardView.as_view(),
        name="standard-record",
    ),
    path(
        "regions/<slug:region_slug>/assistance/settings/",
        views.SettingsUpdateView.as_view(),
        name="settings-update",
    ),
    path(
        "regions/<slug:region_slug>/assistance/workdays/add/",
        views.AddOverrideView.as_view(),
        name="workday-add",
    ),
    path(
        "regions/<slug:region_slug>/assistance/workdays/<int:pk>/remove/",
        views.RemoveOverrideView.as_view(),
        name="workday-remove",
    ),
]
