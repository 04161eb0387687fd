"""URLs of assistance.decisions (included by assistance.urls)."""

urlpatterns: list = []
