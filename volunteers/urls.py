"""The volunteers app's URLs: each concern's list, under one namespace."""

from volunteers.matching import urls as matching
from volunteers.profiles import urls as profiles
from volunteers.records import urls as records
from volunteers.shifts import urls as shifts

app_name = "volunteers"

urlpatterns = [
    *profiles.urlpatterns,
    *shifts.urlpatterns,
    *records.urlpatterns,
    *matching.urlpatterns,
]
