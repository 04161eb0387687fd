"""URLs of the charters pages (included by governance/urls.py)."""

from django.urls import path

from governance.charters import views

urlpatterns = [
    # Charters and conventions (the public pages are Wagtail pages).
    path(
        "my/oversight/charters/<str:key>/",
        views.OversightListView.as_view(),
        name="charter-oversight",
    ),
    path(
        "<slug:slug>/charters/work/",
        views.CharterWorkView.as_view(),
        name="charter-work",
    ),
    path(
        "<slug:slug>/charters/work/<int:pk>/",
        views.VersionView.as_view(),
        name="charter-version",
    ),
    path(
        "<slug:slug>/charters/work/<int:pk>/step/<str:step>/",
        views.StepView.as_view(),
        name="charter-step",
    ),
    path(
        "<slug:slug>/charters/work/<int:pk>/clauses/<int:clause>/<str:what>/",
        views.FormStepView.as_view(),
        name="charter-clause",
    ),
    path(
        "<slug:slug>/charters/work/<int:pk>/<str:what>/",
        views.FormStepView.as_view(),
        name="charter-form",
    ),
    path(
        "<slug:slug>/charters/opinions/<int:pk>/",
        views.OpinionsView.as_view(),
        name="charter-opinions",
    ),
]
