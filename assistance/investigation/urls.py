"""URLs of assistance.investigation (included by assistance.urls)."""

from django.urls import path

from assistance.investigation import views

urlpatterns = [
    path("assistance/cases/<str:tracking>/visit/", views.visit, name="case-visit"),
    path(
        "assistance/cases/<str:tracking>/visits/<int:pk>/sign/",
        views.sign,
        name="case-visit-sign",
    ),
    path("assistance/cases/<str:tracking>/check/", views.check, name="case-check"),
    path(
        "assistance/cases/<str:tracking>/appraisal/",
        views.appraisal,
        name="case-appraisal",
    ),
    path("assistance/cases/<str:tracking>/review/", views.review, name="case-review"),
]
