"""The work desk's URL (included by communities.urls before the `<slug>/` pages)."""

from django.urls import path

from communities.desk import views

urlpatterns = [
    path("desk/", views.DeskView.as_view(), name="desk"),
]
