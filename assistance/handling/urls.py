"""URLs of assistance.handling (included by assistance.urls). Case paths match
only tracking numbers (JZ-2026-7F3K9Q), so other concerns' `assistance/cases/…`
paths never fall into them."""

from django.urls import path, re_path

from assistance.handling import views

CASE = r"^assistance/cases/(?P<tracking>JZ-\d{4}-[A-Z0-9]{6})/"


def case_path(tail: str, view, name: str):
    return re_path(CASE + tail + r"$", view, name=name)


urlpatterns = [
    path(
        "regions/<slug:region_slug>/assistance/cases/",
        views.RegionCaseListView.as_view(),
        name="region-cases",
    ),
    case_path("", views.case_detail, "case"),
    case_path("reason/", views.case_reason, "case-reason"),
    case_path(
        r"members/(?P<member>[0-9]{1,18})/id-number/",
        views.reveal_id_number,
        "case-id-number",
    ),
    case_path(r"attachments/(?P<pk>[0-9]{1,18})/", views.attachment, "case-attachment"),
    case_path("reads/", views.reads, "case-reads"),
    case_path("accept/", views.accept, "case-accept"),
    case_path("missing-items/", views.missing_items, "case-missing-items"),
    case_path("extend/", views.extend, "case-extend"),
    path(
        "<slug:slug>/assistance/cases/",
        views.CommunityCaseListView.as_view(),
        name="cases",
    ),
]
