from django.urls import path

from notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.NotificationListView.as_view(), name="list"),
    path("<int:pk>/open/", views.NotificationOpenView.as_view(), name="open"),
    path(
        "mark-all-read/",
        views.NotificationMarkAllReadView.as_view(),
        name="mark-all-read",
    ),
    path(
        "preferences/",
        views.NotificationPreferencesView.as_view(),
        name="preferences",
    ),
]
