from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("language/<str:code>/", views.set_language, name="set-language"),
    path("text-size/<str:size>/", views.set_text_size, name="set-text-size"),
]
