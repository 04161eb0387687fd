"""URLs of assistance.followup (included by assistance.urls)."""

from django.urls import path

from assistance.followup import views
from assistance.handling.urls import case_path

urlpatterns = [
    case_path("follow-up/", views.add_item, "follow-up-add"),
    case_path(r"follow-up/(?P<pk>[0-9]{1,18})/done/", views.done, "follow-up-done"),
    path(
        "<slug:slug>/assistance/follow-up/",
        views.FollowUpListView.as_view(),
        name="followups",
    ),
]
