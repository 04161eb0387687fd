"""URLs of the search pages (included by governance/urls.py)."""

from django.urls import path

from governance.search import views

urlpatterns = [
    path("search/", views.search, name="search"),
]
