"""Pairing URLs: each concern's list under one `app_name`."""

from pairing.exchange import urls as exchange
from pairing.regions import urls as regions

app_name = "pairing"

urlpatterns = [*regions.urlpatterns, *exchange.urlpatterns]
