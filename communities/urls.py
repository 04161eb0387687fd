"""The communities URLs, gathered from the concerns; names are unchanged.

Pages outside a community come first: "<slug>/roles/" would otherwise catch
"/platform/roles/" and "<slug>/join/" a region called "join" (the first words
are reserved slugs, communities.regions.services.RESERVED_SLUGS).
"""

from communities.desk import urls as desk
from communities.home import urls as home
from communities.membership import urls as membership
from communities.oversight import urls as oversight
from communities.regions import urls as regions
from communities.roles import urls as roles

app_name = "communities"

urlpatterns = [
    *desk.urlpatterns,
    *home.personal_urlpatterns,
    *membership.personal_urlpatterns,
    *oversight.region_urlpatterns,
    *roles.officer_urlpatterns,
    *membership.urlpatterns,
    *roles.urlpatterns,
    *regions.urlpatterns,
    *oversight.urlpatterns,
]
