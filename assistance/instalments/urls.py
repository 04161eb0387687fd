"""URLs of assistance.instalments (included by assistance.urls)."""

from django.urls import path

from assistance.handling.urls import case_path
from assistance.instalments import views

ROW = r"instalments/(?P<pk>[0-9]{1,18})/"

urlpatterns = [
    case_path("instalments/", views.set_schedule, "instalments-schedule"),
    case_path("instalments/stop/", views.stop, "instalments-stop"),
    case_path(ROW + "release/", views.release, "instalment-release"),
    case_path(ROW + "skip/", views.skip, "instalment-skip"),
    path(
        "<slug:slug>/assistance/instalments/",
        views.InstalmentListView.as_view(),
        name="instalments",
    ),
]
