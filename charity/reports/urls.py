"""The reports pages' URLs (included by charity/urls.py, which sets `app_name`)."""

from django.urls import path

from charity.reports import views

urlpatterns = [
    path(
        "my/charity/overdue-reports/",
        views.OverdueReportsView.as_view(),
        name="overdue-reports",
    ),
    path(
        "my/charity/projects/",
        views.OversightProjectsView.as_view(),
        name="oversight-projects",
    ),
    path(
        "<slug:slug>/charity/projects/<int:pk>/receipts/<int:expenditure>/",
        views.receipt_download,
        name="receipt",
    ),
    path(
        "<slug:slug>/charity/projects/<int:pk>/reports/files/<int:attachment>/",
        views.report_attachment,
        name="report-attachment",
    ),
    path(
        "<slug:slug>/charity/manage/projects/<int:pk>/reports/new/",
        views.ReportCreateView.as_view(),
        name="report-new",
    ),
]
