"""URLs of assistance.discovery (included by assistance.urls)."""

from django.urls import path

from assistance.discovery import views

urlpatterns = [
    path("<slug:slug>/assistance/report/", views.report_new, name="report-new"),
    path(
        "<slug:slug>/assistance/report/received/",
        views.report_received,
        name="report-received",
    ),
    path(
        "<slug:slug>/assistance/reports/",
        views.ReportListView.as_view(),
        name="reports",
    ),
    path(
        "<slug:slug>/assistance/reports/<int:pk>/",
        views.report_detail,
        name="report",
    ),
    path(
        "<slug:slug>/assistance/reports/<int:pk>/visit/",
        views.report_visit,
        name="report-visit",
    ),
]
