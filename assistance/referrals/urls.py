"""URLs of assistance.referrals (included by assistance.urls before the
community pages)."""

from django.urls import path, register_converter

from assistance.handling.urls import case_path
from assistance.referrals import staff_views, views


class IdConverter:
    """An id of at most 18 digits (a larger number is a 404, not an overflow)."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


register_converter(IdConverter, "pk18")

urlpatterns = [
    path("assistance/referrals/mine/", views.my_referrals, name="my-referrals"),
    path("assistance/referrals/<pk18:pk>/", views.referral_page, name="referral"),
    path(
        "assistance/referrals/<pk18:pk>/accept/", views.accept, name="referral-accept"
    ),
    path(
        "assistance/referrals/<pk18:pk>/decline/",
        views.decline,
        name="referral-decline",
    ),
    path(
        "assistance/referrals/<pk18:pk>/assign/", views.assign, name="referral-assign"
    ),
    path("assistance/referrals/<pk18:pk>/visits/", views.visit, name="referral-visit"),
    path(
        "assistance/referrals/<pk18:pk>/complete/",
        views.complete,
        name="referral-complete",
    ),
    case_path("refer/", views.refer, "case-refer"),
    case_path("charity-need/", views.ask_charity, "case-charity-need"),
    case_path("volunteer-visit/", views.ask_volunteers, "case-volunteer-visit"),
    path(
        "regions/<slug:region_slug>/assistance/organisations/",
        staff_views.OrganisationListView.as_view(),
        name="organisations",
    ),
    path(
        "assistance/organisations/<pk18:pk>/",
        staff_views.organisation,
        name="organisation",
    ),
    path(
        "assistance/organisations/<pk18:pk>/edit/",
        staff_views.organisation_edit,
        name="organisation-edit",
    ),
    path(
        "assistance/organisations/<pk18:pk>/workers/",
        staff_views.worker_add,
        name="organisation-worker-add",
    ),
    path(
        "assistance/organisations/<pk18:pk>/workers/<pk18:worker>/active/",
        staff_views.worker_active,
        name="organisation-worker-active",
    ),
    path(
        "regions/<slug:region_slug>/assistance/contracts/",
        staff_views.ContractListView.as_view(),
        name="contracts",
    ),
    path(
        "regions/<slug:region_slug>/assistance/referrals/",
        staff_views.RegionReferralListView.as_view(),
        name="region-referrals",
    ),
]
