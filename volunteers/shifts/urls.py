from django.urls import path
from django.views.generic import RedirectView

from notifications.calendar import views as calendar_views
from volunteers.shifts import views

urlpatterns = [
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
        "<slug:slug>/volunteering/shifts/<int:pk>/first-sign-up/",
        views.FirstSignUpView.as_view(),
        name="shift-first-sign-up",
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
    # Check-in
    path(
        "volunteering/check-in/<str:token>/",
        views.qr_check_in,
        name="qr-check-in",
    ),
    path(
        "<slug:slug>/volunteering/shifts/<int:pk>/roster/<int:signup_pk>/check-in/",
        views.roster_check_in,
        name="roster-check-in",
    ),
    path(
        "<slug:slug>/volunteering/shifts/<int:pk>/check-in-code/",
        views.check_in_code,
        name="check-in-code",
    ),
    # Calendars. The personal calendar moved to /my/calendar/
    # (notifications.calendar); the old page redirects and old feed addresses
    # keep answering.
    path(
        "volunteering/calendar/",
        RedirectView.as_view(pattern_name="calendar:page", permanent=True),
        name="calendar",
    ),
    path(
        "volunteering/calendar/<str:token>.ics",
        calendar_views.calendar_feed,
        name="calendar-feed",
    ),
    path(
        "<slug:slug>/volunteering/shifts/<int:pk>/calendar.ics",
        views.shift_ics,
        name="shift-ics",
    ),
]
