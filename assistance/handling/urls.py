"""URLs of assistance.handling (included by assistance.urls)."""

from django.urls import path

from assistance.handling import views

urlpatterns = [
    path(
        "regions/<slug:region_slug>/assistance/cases/",
        views.RegionCaseListView.as_view(),
        name="region-cases",
    ),
    path("assistance/cases/<str:tracking>/", views.case_detail, name="case"),
    path(
        "assistance/cases/<str:tracking>/reason/",
        views.case_reason,
        name="case-reason",
    ),
    path(
        "assistance/cases/<str:tracking>/members/<int:member>/id-number/",
        views.reveal_id_number,
        name="case-id-number",
    ),
    path(
        "assistance/cases/<str:tracking>/attachments/<int:pk>/",
        views.attachment,
        name="case-attachment",
    ),
    path("assistance/cases/<str:tracking>/reads/", views.reads, name="case-reads"),
    path("assistance/cases/<str:tracking>/accept/", views.accept, name="case-accept"),
    path(
        "assistance/cases/<str:tracking>/missing-items/",
        views.missing_items,
        name="case-missing-items",
    ),
    path("assistance/cases/<str:tracking>/extend/", views.extend, name="case-extend"),
    path(
        "<slug:slug>/assistance/cases/",
        views.CommunityCaseListView.as_view(),
        name="cases",
    ),
]
