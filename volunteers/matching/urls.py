from django.urls import path

from volunteers.matching import views

urlpatterns = [
    path("volunteering/for-you/", views.for_you, name="for-you"),
    path(
        "volunteering/invitations/<str:token>/",
        views.invitation,
        name="invitation",
    ),
    path(
        "<slug:slug>/volunteering/shifts/<int:pk>/suggestions/",
        views.shift_suggestions,
        name="shift-suggestions",
    ),
    path(
        "<slug:slug>/volunteering/shifts/<int:pk>/invite/",
        views.shift_invite,
        name="shift-invite",
    ),
]
