from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("data/export/", views.export_data, name="export-data"),
    path("delete/", views.delete_account, name="delete"),
    path("deleted/", views.account_deleted, name="deleted"),
    path("language/<str:code>/", views.set_language, name="set-language"),
    path("text-size/<str:size>/", views.set_text_size, name="set-text-size"),
]
