"""URLs of assistance.privacy (included by assistance.urls)."""

urlpatterns: list = []
