from django.urls import path

from assistance.worklist import views

urlpatterns = [
    path("<slug:slug>/assistance/work/", views.WorkListView.as_view(), name="work"),
]
