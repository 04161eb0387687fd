"""URLs of a paired region's exchange (included by pairing.urls)."""

from django.urls import path

from pairing.exchange import views
from pairing.regions import urls as _regions  # noqa: F401  (the pairing_id converter)

urlpatterns = [
    path("pairing/<slug:slug>/exchange/", views.exchange, name="exchange"),
    path("pairing/<slug:slug>/updates/", views.post_update, name="update-add"),
    path("pairing/<slug:slug>/feedback/", views.post_feedback, name="feedback-add"),
    path("pairing/<slug:slug>/questions/", views.ask, name="question-add"),
    path(
        "pairing/<slug:slug>/questions/<pairing_id:pk>/answer/",
        views.answer,
        name="question-answer",
    ),
    path(
        "pairing/<slug:slug>/exchanges/",
        views.record_exchange,
        name="exchange-add",
    ),
    path(
        "pairing/<slug:slug>/files/<pairing_id:pk>/",
        views.attachment,
        name="attachment",
    ),
]
