"""URLs of paired regions (included by pairing.urls)."""

from django.urls import path, register_converter

from pairing.regions import views


class IdConverter:
    """An id of at most 18 digits (a larger number is a 404, not an overflow)."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


register_converter(IdConverter, "pairing_id")

urlpatterns = [
    path("pairing/", views.index, name="index"),
    path(
        "regions/<slug:region_slug>/pairing/",
        views.DistrictPairingView.as_view(),
        name="district",
    ),
    path("pairing/<slug:slug>/", views.region_page, name="region"),
    path(
        "pairing/<slug:slug>/agreement/",
        views.agreement_document,
        name="agreement-document",
    ),
    path("pairing/<slug:slug>/manage/", views.manage, name="manage"),
    path("pairing/<slug:slug>/edit/", views.edit, name="edit"),
    path("pairing/<slug:slug>/pairs/", views.add_pair, name="pair-add"),
    path(
        "pairing/<slug:slug>/pairs/<pairing_id:pk>/remove/",
        views.remove_pair,
        name="pair-remove",
    ),
    path("pairing/<slug:slug>/liaisons/", views.appoint_liaison, name="liaison-add"),
    path(
        "pairing/<slug:slug>/liaisons/<pairing_id:pk>/revoke/",
        views.revoke_liaison,
        name="liaison-revoke",
    ),
]
