"""Residency pages: `personal_urlpatterns` outside any community, `urlpatterns`
under `/<slug>/` (both included by communities.urls)."""

from django.urls import path

from communities.membership import views

personal_urlpatterns = [
    path("my/communities/", views.my_communities, name="my-communities"),
]

urlpatterns = [
    path("<slug:slug>/join/", views.JoinView.as_view(), name="join"),
    path(
        "<slug:slug>/verification/",
        views.VerificationQueueView.as_view(),
        name="verification",
    ),
    path(
        "<slug:slug>/verification/<int:pk>/verify/",
        views.VerifyMembershipView.as_view(),
        name="membership-verify",
    ),
    path(
        "<slug:slug>/verification/<int:pk>/reject/",
        views.RejectMembershipView.as_view(),
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
]
