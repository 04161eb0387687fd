from django.urls import path

from charity import views

app_name = "charity"

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
        "regions/<slug:region_slug>/charity/",
        views.region_totals,
        name="region-totals",
    ),
    path("<slug:slug>/charity/", views.project_list, name="projects"),
    path(
        "<slug:slug>/charity/projects/<int:pk>/",
        views.project_detail,
        name="project",
    ),
    path(
        "<slug:slug>/charity/projects/<int:pk>/ledger.csv",
        views.ledger_csv,
        name="ledger-csv",
    ),
    path(
        "<slug:slug>/charity/projects/<int:pk>/receipts/<int:expenditure>/",
        views.receipt_download,
        name="receipt",
    ),
    path(
        "<slug:slug>/charity/projects/<int:pk>/pledge/",
        views.PledgeView.as_view(),
        name="pledge",
    ),
    path(
        "<slug:slug>/charity/projects/<int:pk>/follow/",
        views.FollowView.as_view(),
        name="follow",
    ),
    path(
        "<slug:slug>/charity/my-donations/",
        views.MyDonationsView.as_view(),
        name="my-donations",
    ),
    path("<slug:slug>/charity/manage/", views.ManageHomeView.as_view(), name="manage"),
    path(
        "<slug:slug>/charity/manage/organisations/new/",
        views.OrganisationEditView.as_view(),
        name="organisation-new",
    ),
    path(
        "<slug:slug>/charity/manage/organisations/<int:pk>/",
        views.OrganisationEditView.as_view(),
        name="organisation-edit",
    ),
    path(
        "<slug:slug>/charity/manage/organisations/<int:org>/projects/new/",
        views.ProjectCreateView.as_view(),
        name="project-new",
    ),
    path(
        "<slug:slug>/charity/manage/projects/<int:pk>/",
        views.ProjectManageView.as_view(),
        name="manage-project",
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
    path("<slug:slug>/charity/needs/", views.need_list, name="needs"),
    path("<slug:slug>/charity/needs/<int:pk>/", views.need_detail, name="need"),
    path(
        "<slug:slug>/charity/needs/<int:pk>/pledge/",
        views.NeedPledgeView.as_view(),
        name="need-pledge",
    ),
    path(
        "<slug:slug>/charity/manage/needs/new/",
        views.NeedManageView.as_view(),
        name="need-new",
    ),
    path(
        "<slug:slug>/charity/manage/needs/<int:pk>/",
        views.NeedActionView.as_view(),
        name="need-action",
    ),
]
