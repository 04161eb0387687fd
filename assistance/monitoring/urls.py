"""URLs of assistance.monitoring (included by assistance.urls)."""

from django.urls import path, re_path

from assistance.monitoring import views

urlpatterns = [
    re_path(
        r"^assistance/cases/(?P<tracking>JZ-\d{4}-[A-Z0-9]{6})/periodic-review/$",
        views.record_review,
        name="review-record",
    ),
    re_path(
        r"^assistance/reviews/(?P<pk>[0-9]{1,18})/$",
        views.decide_review,
        name="review",
    ),
    re_path(
        r"^assistance/warnings/(?P<pk>[0-9]{1,18})/$",
        views.act_on_warning,
        name="warning",
    ),
    path(
        "<slug:slug>/assistance/reviews/",
        views.ReviewListView.as_view(),
        name="reviews",
    ),
    path(
        "<slug:slug>/assistance/warnings/",
        views.WarningListView.as_view(),
        name="warnings",
    ),
]
