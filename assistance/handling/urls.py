"""URLs of assistance.handling (included by assistance.urls)."""

urlpatterns: list = []
