"""URLs of the disclosures pages (included by governance/urls.py)."""

from django.urls import path

from governance.disclosures import views

urlpatterns = [
    # Affairs disclosure (the disclosures themselves are Wagtail pages)
    path(
        "<slug:slug>/disclosure-review/",
        views.ReviewQueueView.as_view(),
        name="disclosure-review",
    ),
    path(
        "<slug:slug>/disclosure-review/<int:pk>/approve/",
        views.ApproveView.as_view(),
        name="disclosure-approve",
    ),
    path(
        "<slug:slug>/disclosure-review/<int:pk>/return/",
        views.RejectView.as_view(),
        name="disclosure-reject",
    ),
    path(
        "<slug:slug>/disclosure-catalogue/",
        views.CatalogueView.as_view(),
        name="disclosure-catalogue",
    ),
    path(
        "<slug:slug>/disclosure-catalogue/<int:pk>/",
        views.CatalogueEntryView.as_view(),
        name="disclosure-entry",
    ),
    path(
        "<slug:slug>/disclosure-catalogue/<int:pk>/matter/",
        views.MatterView.as_view(),
        name="disclosure-matter",
    ),
    path(
        "<slug:slug>/objections/", views.ObjectionListView.as_view(), name="objections"
    ),
    path(
        "<slug:slug>/objections/new/",
        views.ObjectionCreateView.as_view(),
        name="objection-create",
    ),
    path(
        "<slug:slug>/objections/<int:pk>/",
        views.ObjectionDetailView.as_view(),
        name="objection-detail",
    ),
    path(
        "<slug:slug>/objections/<int:pk>/answer/",
        views.ObjectionAnswerView.as_view(),
        name="objection-answer",
    ),
    path(
        "<slug:slug>/objections/<int:pk>/accept/",
        views.ObjectionAcceptView.as_view(),
        name="objection-accept",
    ),
    path(
        "<slug:slug>/objections/<int:pk>/reopen/",
        views.ObjectionReopenView.as_view(),
        name="objection-reopen",
    ),
    path(
        "oversight/disclosures/<str:key>/",
        views.oversight_list,
        name="disclosure-oversight",
    ),
    path(
        "oversight/escalated-objections/",
        views.escalated_queue,
        name="escalated-objections",
    ),
]
