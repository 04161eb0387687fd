"""Assistance URLs: each concern's list under one `app_name`. Fixed prefixes
(`assistance/...`) come before community pages (`<slug>/assistance/...`)."""

from assistance.applications import urls as applications
from assistance.decisions import urls as decisions
from assistance.discovery import urls as discovery
from assistance.emergency import urls as emergency
from assistance.followup import urls as followup
from assistance.handling import urls as handling
from assistance.instalments import urls as instalments
from assistance.investigation import urls as investigation
from assistance.monitoring import urls as monitoring
from assistance.oversight import urls as oversight
from assistance.privacy import urls as privacy
from assistance.publicity import urls as publicity
from assistance.referrals import urls as referrals
from assistance.standards import urls as standards
from assistance.worklist import urls as worklist

app_name = "assistance"

urlpatterns = [
    *standards.urlpatterns,
    *oversight.urlpatterns,
    *privacy.urlpatterns,
    *handling.urlpatterns,
    *investigation.urlpatterns,
    *publicity.urlpatterns,
    *decisions.urlpatterns,
    *worklist.urlpatterns,
    *monitoring.urlpatterns,
    *instalments.urlpatterns,
    *followup.urlpatterns,
    *referrals.urlpatterns,
    *emergency.urlpatterns,
    *discovery.urlpatterns,
    *applications.urlpatterns,
]
