"""The projects pages' URLs (included by charity/urls.py, which sets `app_name`)."""

from django.urls import path

from charity.projects import views

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
    path("<slug:slug>/charity/manage/", views.ManageHomeView.as_view(), name="manage"),
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
]
