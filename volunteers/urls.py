from django.urls import path

from volunteers import matching_views, views

app_name = "volunteers"

urlpatterns = [
    path("volunteering/profile/", views.profile, name="profile"),
    path("<slug:slug>/volunteering/", views.activity_list, name="activity-list"),
    path(
        "<slug:slug>/volunteering/teams/new/",
        views.TeamCreateView.as_view(),
        name="team-create",
    ),
    path(
        "<slug:slug>/volunteering/activities/new/",
        views.ActivityCreateView.as_view(),
        name="activity-create",
    ),
    path(
        "<slug:slug>/volunteering/activities/<int:pk>/",
        views.activity_detail,
        name="activity",
    ),
    path(
        "<slug:slug>/volunteering/activities/<int:pk>/shifts/new/",
        views.ShiftCreateView.as_view(),
        name="shift-create",
    ),
    path(
        "<slug:slug>/volunteering/activities/<int:pk>/publish/",
        views.ActivityPublishView.as_view(),
        name="activity-publish",
    ),
    path(
        "<slug:slug>/volunteering/shifts/<int:pk>/sign-up/",
        views.shift_sign_up,
        name="shift-sign-up",
    ),
    path(
        "<slug:slug>/volunteering/shifts/<int:pk>/cancel/",
        views.shift_cancel,
        name="shift-cancel",
    ),
]

# Matching and calendars (issue 5, §5 and §7).
urlpatterns += [
    path("volunteering/for-you/", matching_views.for_you, name="for-you"),
    path(
        "volunteering/invitations/<str:token>/",
        matching_views.invitation,
        name="invitation",
    ),
    path("volunteering/calendar/", matching_views.my_calendar, name="calendar"),
    path(
        "volunteering/calendar/<str:token>.ics",
        matching_views.calendar_feed,
        name="calendar-feed",
    ),
    path(
        "<slug:slug>/volunteering/shifts/<int:pk>/suggestions/",
        matching_views.shift_suggestions,
        name="shift-suggestions",
    ),
    path(
        "<slug:slug>/volunteering/shifts/<int:pk>/invite/",
        matching_views.shift_invite,
        name="shift-invite",
    ),
    path(
        "<slug:slug>/volunteering/shifts/<int:pk>/calendar.ics",
        matching_views.shift_ics,
        name="shift-ics",
    ),
]
