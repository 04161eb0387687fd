"""URLs of the notices pages (included by governance/urls.py)."""

from django.urls import path

from governance.notices import views
from governance.notices.feeds import CommunityFeed, NoticeFeed

urlpatterns = [
    path(
        "oversight/notices/",
        views.OversightNoticesView.as_view(),
        name="oversight-notices",
    ),
    path("<slug:slug>/notices/feed/", NoticeFeed(), name="notice-feed"),
    path("<slug:slug>/feed/", CommunityFeed(), name="community-feed"),
]
