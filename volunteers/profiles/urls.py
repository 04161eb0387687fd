from django.urls import path

from volunteers.profiles import views

urlpatterns = [
    path("volunteering/profile/", views.profile, name="profile"),
]
