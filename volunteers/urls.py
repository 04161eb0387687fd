from django.urls import path
from django.views.generic import RedirectView

from notifications.calendar import views as calendar_views
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

# Check-in, hours, certificates, time bank, leaderboard (issue 5 §4, §6, §7).
from volunteers import record_views  # noqa: E402

urlpatterns += [
    path("volunteering/my-hours/", record_views.my_hours, name="my-hours"),
    path(
        "volunteering/certificates/request/",
        record_views.certificate_request,
        name="certificate-request",
    ),
    path(
        "volunteering/certificates/verify/",
        record_views.certificate_verify,
        name="certificate-verify",
    ),
    path(
        "volunteering/certificates/verify/<str:serial>/",
        record_views.certificate_verify_serial,
        name="certificate-verify-serial",
    ),
    path(
        "volunteering/certificates/<str:serial>/",
        record_views.certificate_document,
        name="certificate",
    ),
    path(
        "volunteering/leaderboard-opt-in/",
        record_views.leaderboard_opt_in,
        name="leaderboard-opt-in",
    ),
    path(
        "volunteering/check-in/<str:token>/",
        record_views.qr_check_in,
        name="qr-check-in",
    ),
    path(
        "<slug:slug>/volunteering/shifts/<int:pk>/roster/",
        record_views.shift_roster,
        name="shift-roster",
    ),
    path(
        "<slug:slug>/volunteering/shifts/<int:pk>/roster/<int:signup_pk>/check-in/",
        record_views.roster_check_in,
        name="roster-check-in",
    ),
    path(
        "<slug:slug>/volunteering/shifts/<int:pk>/roster/<int:signup_pk>/check-out/",
        record_views.roster_check_out,
        name="roster-check-out",
    ),
    path(
        "<slug:slug>/volunteering/shifts/<int:pk>/check-in-code/",
        record_views.check_in_code,
        name="check-in-code",
    ),
    path(
        "<slug:slug>/volunteering/shifts/<int:pk>/my-attendance/",
        record_views.my_attendance,
        name="my-attendance",
    ),
    path(
        "<slug:slug>/volunteering/records/",
        record_views.records_overview,
        name="records",
    ),
    path(
        "<slug:slug>/volunteering/records/export.csv",
        record_views.records_export,
        name="records-export",
    ),
    path(
        "<slug:slug>/volunteering/records/<int:pk>/adjust/",
        record_views.record_adjust,
        name="record-adjust",
    ),
    path(
        "<slug:slug>/volunteering/records/<int:pk>/confirm/",
        record_views.record_confirm,
        name="record-confirm",
    ),
    path(
        "<slug:slug>/volunteering/records/<int:pk>/correct/",
        record_views.record_correct,
        name="record-correct",
    ),
    path(
        "<slug:slug>/volunteering/time-bank/transfer/",
        record_views.time_bank_transfer,
        name="time-bank-transfer",
    ),
    path(
        "<slug:slug>/volunteering/leaderboard/",
        record_views.leaderboard,
        name="leaderboard",
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
    # The personal calendar moved to /my/calendar/ (notifications.calendar); the
    # old page redirects and old feed addresses keep answering.
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
