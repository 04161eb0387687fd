"""The projects pages' URLs (included by charity/urls.py, which sets `app_name`)."""

from django.urls import path

from charity.projects import views

# One project's management page (GET); each of its forms posts to its own URL.
MANAGE = "<slug:slug>/charity/manage/projects/<int:pk>/"

urlpatterns = [
    path("<slug:slug>/charity/", views.project_list, name="projects"),
    path(
        "<slug:slug>/charity/projects/<int:pk>/",
        views.project_detail,
        name="project",
    ),
    path(
        "<slug:slug>/charity/projects/<int:pk>/follow/",
        views.FollowView.as_view(),
        name="follow",
    ),
    path(
        "<slug:slug>/charity/projects/<int:pk>/unfollow/",
        views.UnfollowView.as_view(),
        name="unfollow",
    ),
    path("<slug:slug>/charity/manage/", views.ManageHomeView.as_view(), name="manage"),
    path(
        "<slug:slug>/charity/manage/organisations/<int:org>/projects/new/",
        views.ProjectCreateView.as_view(),
        name="project-new",
    ),
    path(
        MANAGE,
        views.ProjectManageView.as_view(),
        name="manage-project",
    ),
    path(
        MANAGE + "edit/",
        views.ProjectEditView.as_view(),
        name="project-edit",
    ),
    path(
        MANAGE + "publish/",
        views.ProjectPublishView.as_view(),
        name="project-publish",
    ),
    path(
        MANAGE + "close/",
        views.ProjectCloseView.as_view(),
        name="project-close",
    ),
    path(
        MANAGE + "filing/",
        views.ProjectFilingView.as_view(),
        name="project-filing",
    ),
    path(
        MANAGE + "offline/",
        views.OfflineDonationView.as_view(),
        name="project-offline",
    ),
    path(
        MANAGE + "spend/",
        views.ExpenditureView.as_view(),
        name="project-spend",
    ),
    path(
        MANAGE + "pledges/<int:donation>/confirm/",
        views.PledgeConfirmView.as_view(),
        name="pledge-confirm",
    ),
]
