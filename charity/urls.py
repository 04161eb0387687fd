"""Charity's URLs: each concern's list under one `app_name`. The fixed `my/` and
`regions/` paths come first, before any `<slug>/` path could be tried."""

from charity.donations import urls as donations
from charity.needs import urls as needs
from charity.organisations import urls as organisations
from charity.projects import urls as projects
from charity.reports import urls as reports

app_name = "charity"

urlpatterns = [
    *reports.urlpatterns,
    *donations.urlpatterns,
    *projects.urlpatterns,
    *organisations.urlpatterns,
    *needs.urlpatterns,
]
