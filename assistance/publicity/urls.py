"""URLs of assistance.publicity (included by assistance.urls)."""

urlpatterns: list = []
