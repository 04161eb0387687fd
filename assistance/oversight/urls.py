"""URLs of assistance.oversight (included by assistance.urls)."""

from django.urls import path

from assistance.oversight import views

urlpatterns = [
    path(
        "regions/<slug:region_slug>/assistance/dashboard/",
        views.DashboardView.as_view(),
        name="dashboard",
    ),
    path(
        "regions/<slug:region_slug>/assistance/spot-checks/",
        views.SpotChecksView.as_view(),
        name="spot-checks",
    ),
    path(
        "regions/<slug:region_slug>/assistance/spot-checks/draw/",
        views.DrawView.as_view(),
        name="spot-check-draw",
    ),
    path(
        "regions/<slug:region_slug>/assistance/spot-checks/<int:pk>/",
        views.SpotCheckView.as_view(),
        name="spot-check",
    ),
    path(
        "regions/<slug:region_slug>/assistance/spot-checks/<int:pk>/<int:item>/",
        views.RecordResultView.as_view(),
        name="spot-check-result",
    ),
]
