from django.urls import path

from governance import charter_views, views
from governance.feeds import NoticeFeed

app_name = "governance"

urlpatterns = [
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
