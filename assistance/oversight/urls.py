"""URLs of assistance.oversight (included by assistance.urls)."""

urlpatterns: list = []
