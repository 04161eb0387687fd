"""URLs of the topics pages (included by consultation/urls.py)."""

from django.urls import path

from consultation.topics import views

urlpatterns = [
    path("<slug:slug>/consultations/", views.consultation_list, name="list"),
    path("<slug:slug>/consultations/new/", views.topic_create, name="topic-create"),
    path(
        "<slug:slug>/consultations/suggestions/new/",
        views.suggestion_create,
        name="suggestion-create",
    ),
    path(
        "<slug:slug>/consultations/suggestions/<int:pk>/",
        views.suggestion_detail,
        name="suggestion",
    ),
    path(
        "<slug:slug>/consultations/suggestions/<int:pk>/support/",
        views.suggestion_support,
        name="suggestion-support",
    ),
    path(
        "<slug:slug>/consultations/<int:pk>/",
        views.consultation_detail,
        name="detail",
    ),
    path(
        "<slug:slug>/consultations/<int:pk>/decide/",
        views.consultation_decide,
        name="decide",
    ),
    path(
        "<slug:slug>/consultations/<int:pk>/step/",
        views.consultation_step,
        name="step",
    ),
]
