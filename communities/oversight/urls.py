"""Oversight pages: `region_urlpatterns` (the officers' street/town and district
pages) and `urlpatterns` under `/<slug>/` (both included by communities.urls)."""

from django.urls import path

from communities.oversight import views

region_urlpatterns = [
    path(
        "regions/<slug:region_slug>/",
        views.RegionOverviewView.as_view(),
        name="region",
    ),
    path(
        "regions/<slug:region_slug>/dashboard/",
        views.RegionDashboardView.as_view(),
        name="region-dashboard",
    ),
]

urlpatterns = [
    path("<slug:slug>/audit/", views.AuditLogView.as_view(), name="audit-log"),
    path(
        "<slug:slug>/dashboard/",
        views.CommunityDashboardView.as_view(),
        name="dashboard",
    ),
]
