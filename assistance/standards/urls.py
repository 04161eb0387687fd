"""URLs of assistance.standards (included by assistance.urls)."""

urlpatterns: list = []
