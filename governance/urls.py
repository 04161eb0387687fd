from django.urls import path

from governance import views
from governance.feeds import NoticeFeed

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
]
