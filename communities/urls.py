from django.urls import path

from communities import views

app_name = "communities"

urlpatterns = [
    path("my/communities/", views.my_communities, name="my-communities"),
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
]
