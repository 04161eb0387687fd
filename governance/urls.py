"""Governance URLs: each concern's list, in this order (one namespace, "governance")."""

from governance.bodies import urls as bodies
from governance.certificates import urls as certificates
from governance.charters import urls as charters
from governance.disclosures import urls as disclosures
from governance.notices import urls as notices
from governance.search import urls as search
from governance.vetting import urls as vetting

app_name = "governance"

urlpatterns = [
    *search.urlpatterns,
    *notices.urlpatterns,
    *bodies.urlpatterns,
    *disclosures.urlpatterns,
    *charters.urlpatterns,
    *vetting.urlpatterns,
    *certificates.urlpatterns,
]
