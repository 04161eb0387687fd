from django.urls import path

from communities import views

app_name = "communities"

urlpatterns = [
    path("my/communities/", views.my_communities, name="my-communities"),
    # Officers' pages come before the community patterns: "<slug>/roles/" would
    # otherwise catch "/platform/roles/" (both words are reserved slugs).
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
    path("<slug:slug>/join/", views.JoinView.as_view(), name="join"),
    path(
        "<slug:slug>/verification/",
        views.VerificationQueueView.as_view(),
        name="verification",
    ),
    path(
        "<slug:slug>/verification/<int:pk>/verify/",
        views.MembershipDecisionView.as_view(),
        {"action": "verify"},
        name="membership-verify",
    ),
    path(
        "<slug:slug>/verification/<int:pk>/reject/",
        views.MembershipDecisionView.as_view(),
        {"action": "reject"},
        name="membership-reject",
    ),
    path(
        "<slug:slug>/households/",
        views.HouseholdsView.as_view(),
        name="households",
    ),
    path(
        "<slug:slug>/households/<int:pk>/representative/",
        views.HouseholdRepresentativeView.as_view(),
        name="household-representative",
    ),
    path("<slug:slug>/roles/", views.RolesView.as_view(), name="roles"),
    path(
        "<slug:slug>/roles/<int:pk>/revoke/",
        views.RevokeRoleView.as_view(),
        name="role-revoke",
    ),
    path(
        "<slug:slug>/settings/",
        views.CommunitySettingsView.as_view(),
        name="settings",
    ),
    path("<slug:slug>/audit/", views.AuditLogView.as_view(), name="audit-log"),
    path(
        "<slug:slug>/dashboard/",
        views.CommunityDashboardView.as_view(),
        name="dashboard",
    ),
]
