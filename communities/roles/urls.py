"""Role pages: `officer_urlpatterns` (a region's officers, the platform admins)
and `urlpatterns` under `/<slug>/` (both included by communities.urls)."""

from django.urls import path

from communities.roles import views

officer_urlpatterns = [
    path(
        "regions/<slug:region_slug>/roles/",
        views.RegionRolesView.as_view(),
        name="region-roles",
    ),
    path(
        "regions/<slug:region_slug>/roles/<int:pk>/revoke/",
        views.RegionRevokeRoleView.as_view(),
        name="region-role-revoke",
    ),
    path("platform/roles/", views.PlatformRolesView.as_view(), name="platform-roles"),
    path(
        "platform/roles/<int:pk>/revoke/",
        views.PlatformRevokeRoleView.as_view(),
        name="platform-role-revoke",
    ),
]

urlpatterns = [
    path("<slug:slug>/roles/", views.RolesView.as_view(), name="roles"),
    path(
        "<slug:slug>/roles/<int:pk>/revoke/",
        views.RevokeRoleView.as_view(),
        name="role-revoke",
    ),
]
