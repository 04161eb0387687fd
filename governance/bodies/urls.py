"""URLs of the bodies pages (included by governance/urls.py)."""

from django.urls import path

from governance.bodies import views

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
]
