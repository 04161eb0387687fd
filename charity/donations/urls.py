"""The donations pages' URLs (included by charity/urls.py, which sets `app_name`)."""

from django.urls import path

from charity.donations import views

urlpatterns = [
    path(
        "regions/<slug:region_slug>/charity/",
        views.region_totals,
        name="region-totals",
    ),
    path(
        "<slug:slug>/charity/projects/<int:pk>/ledger.csv",
        views.ledger_csv,
        name="ledger-csv",
    ),
    path(
        "<slug:slug>/charity/projects/<int:pk>/pledge/",
        views.PledgeView.as_view(),
        name="pledge",
    ),
    path(
        "<slug:slug>/charity/my-donations/",
        views.MyDonationsView.as_view(),
        name="my-donations",
    ),
    path(
        "<slug:slug>/charity/my-donations/<int:pk>/cancel/",
        views.PledgeCancelView.as_view(),
        name="pledge-cancel",
    ),
]
