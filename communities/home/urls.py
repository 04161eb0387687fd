"""The "mine" page, outside any community (`my` is a reserved slug)."""

from django.urls import path

from communities.home import views

personal_urlpatterns = [
    path("my/", views.mine, name="mine"),
]
