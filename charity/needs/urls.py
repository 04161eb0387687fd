"""The needs pages' URLs (included by charity/urls.py, which sets `app_name`)."""

from django.urls import path

from charity.needs import views

urlpatterns = [
    path("<slug:slug>/charity/needs/", views.need_list, name="needs"),
    path("<slug:slug>/charity/needs/<int:pk>/", views.need_detail, name="need"),
    path(
        "<slug:slug>/charity/needs/<int:pk>/pledge/",
        views.NeedPledgeView.as_view(),
        name="need-pledge",
    ),
    path(
        "<slug:slug>/charity/needs/<int:pk>/pledges/<int:pledge>/cancel/",
        views.NeedPledgeCancelView.as_view(),
        name="need-pledge-cancel",
    ),
    path(
        "<slug:slug>/charity/manage/needs/new/",
        views.NeedManageView.as_view(),
        name="need-new",
    ),
    path(
        "<slug:slug>/charity/manage/needs/<int:pk>/pledges/<int:pledge>/deliver/",
        views.NeedDeliverView.as_view(),
        name="need-deliver",
    ),
    path(
        "<slug:slug>/charity/manage/needs/<int:pk>/close/",
        views.NeedCloseView.as_view(),
        name="need-close",
    ),
]
