from django.urls import path

from governance import charter_views, views
from governance import disclosure_views as dv
from governance.feeds import CommunityFeed, NoticeFeed

app_name = "governance"

urlpatterns = [
    path("search/", views.search, name="search"),
    path(
        "oversight/notices/",
        views.OversightNoticesView.as_view(),
        name="oversight-notices",
    ),
    path("<slug:slug>/who-serves/", views.who_serves, name="who-serves"),
    path("<slug:slug>/bodies/", views.BodiesView.as_view(), name="bodies"),
    path(
        "<slug:slug>/bodies/subcommittees/",
        views.SubcommitteeCreateView.as_view(),
        name="subcommittee-create",
    ),
    path(
        "<slug:slug>/bodies/<int:pk>/dissolve/",
        views.BodyDissolveView.as_view(),
        name="body-dissolve",
    ),
    path(
        "<slug:slug>/bodies/terms/<int:pk>/end/",
        views.TermEndView.as_view(),
        name="term-end",
    ),
    path("<slug:slug>/notices/feed/", NoticeFeed(), name="notice-feed"),
    path("<slug:slug>/feed/", CommunityFeed(), name="community-feed"),
    # Affairs disclosure (the disclosures themselves are Wagtail pages)
    path(
        "<slug:slug>/disclosure-review/",
        dv.ReviewQueueView.as_view(),
        name="disclosure-review",
    ),
    path(
        "<slug:slug>/disclosure-review/<int:pk>/approve/",
        dv.ApproveView.as_view(),
        name="disclosure-approve",
    ),
    path(
        "<slug:slug>/disclosure-review/<int:pk>/return/",
        dv.RejectView.as_view(),
        name="disclosure-reject",
    ),
    path(
        "<slug:slug>/disclosure-catalogue/",
        dv.CatalogueView.as_view(),
        name="disclosure-catalogue",
    ),
    path(
        "<slug:slug>/disclosure-catalogue/<int:pk>/",
        dv.CatalogueEntryView.as_view(),
        name="disclosure-entry",
    ),
    path(
        "<slug:slug>/disclosure-catalogue/<int:pk>/matter/",
        dv.MatterView.as_view(),
        name="disclosure-matter",
    ),
    path("<slug:slug>/objections/", dv.ObjectionListView.as_view(), name="objections"),
    path(
        "<slug:slug>/objections/new/",
        dv.ObjectionCreateView.as_view(),
        name="objection-create",
    ),
    path(
        "<slug:slug>/objections/<int:pk>/",
        dv.ObjectionDetailView.as_view(),
        name="objection-detail",
    ),
    path(
        "oversight/disclosures/<str:key>/",
        dv.oversight_list,
        name="disclosure-oversight",
    ),
    path(
        "oversight/escalated-objections/",
        dv.escalated_queue,
        name="escalated-objections",
    ),
    # Charters and conventions (the public pages are Wagtail pages).
    path(
        "my/oversight/charters/<str:key>/",
        charter_views.OversightListView.as_view(),
        name="charter-oversight",
    ),
    path(
        "<slug:slug>/charters/work/",
        charter_views.CharterWorkView.as_view(),
        name="charter-work",
    ),
    path(
        "<slug:slug>/charters/work/<int:pk>/",
        charter_views.VersionView.as_view(),
        name="charter-version",
    ),
    path(
        "<slug:slug>/charters/work/<int:pk>/step/<str:step>/",
        charter_views.StepView.as_view(),
        name="charter-step",
    ),
    path(
        "<slug:slug>/charters/work/<int:pk>/clauses/<int:clause>/<str:what>/",
        charter_views.FormStepView.as_view(),
        name="charter-clause",
    ),
    path(
        "<slug:slug>/charters/work/<int:pk>/<str:what>/",
        charter_views.FormStepView.as_view(),
        name="charter-form",
    ),
    path(
        "<slug:slug>/charters/opinions/<int:pk>/",
        charter_views.OpinionsView.as_view(),
        name="charter-opinions",
    ),
]
