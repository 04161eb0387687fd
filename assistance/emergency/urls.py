"""URLs of assistance.emergency (included by assistance.urls, before
applications). The grant form's address and its query (`report`,
`reported_at`, `household`) are what the discovery report page redirects to."""

from django.urls import path

from assistance.emergency import views

urlpatterns = [
    path(
        "regions/<slug:region_slug>/assistance/emergencies/",
        views.PeriodsView.as_view(),
        name="emergency-periods",
    ),
    path(
        "regions/<slug:region_slug>/assistance/emergencies/declare/",
        views.DeclareView.as_view(),
        name="emergency-declare",
    ),
    path(
        "regions/<slug:region_slug>/assistance/emergencies/<int:pk>/end/",
        views.EndView.as_view(),
        name="emergency-end",
    ),
    path(
        "regions/<slug:region_slug>/assistance/emergency/aid/",
        views.RegionAidListView.as_view(),
        name="region-advance-aid",
    ),
    path(
        "<slug:slug>/assistance/emergency/",
        views.AidListView.as_view(),
        name="advance-aid-list",
    ),
    path(
        "<slug:slug>/assistance/emergency/new/",
        views.GrantView.as_view(),
        name="advance-aid-new",
    ),
    path(
        "<slug:slug>/assistance/emergency/<int:pk>/",
        views.aid_detail,
        name="advance-aid",
    ),
]
