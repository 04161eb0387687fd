from django.urls import path

from communities import views

app_name = "communities"

urlpatterns = [
    path("my/communities/", views.my_communities, name="my-communities"),
]
