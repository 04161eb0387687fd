"""URLs of assistance.investigation (included by assistance.urls)."""

urlpatterns: list = []
