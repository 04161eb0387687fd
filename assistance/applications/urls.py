"""URLs of assistance.applications (included by assistance.urls)."""

urlpatterns: list = []
