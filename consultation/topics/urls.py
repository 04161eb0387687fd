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
        "<slug:slug>/consultations/<int:pk>/accept/",
        views.topic_accept,
        name="topic-accept",
    ),
    path(
        "<slug:slug>/consultations/<int:pk>/decline/",
        views.topic_decline,
        name="topic-decline",
    ),
    path(
        "<slug:slug>/consultations/<int:pk>/set-participants/",
        views.step_set_participants,
        name="step-set-participants",
    ),
    path(
        "<slug:slug>/consultations/<int:pk>/record-opinion/",
        views.step_record_opinion,
        name="step-record-opinion",
    ),
    path(
        "<slug:slug>/consultations/<int:pk>/start-implementation/",
        views.step_start_implementation,
        name="step-start-implementation",
    ),
    path(
        "<slug:slug>/consultations/<int:pk>/publish-feedback/",
        views.step_publish_feedback,
        name="step-publish-feedback",
    ),
    path(
        "<slug:slug>/consultations/<int:pk>/close/",
        views.step_close,
        name="step-close",
    ),
]
