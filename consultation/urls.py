"""Every consultation page; each concern lists its own URLs."""

from consultation.deliberation import urls as deliberation
from consultation.followup import urls as followup
from consultation.live import urls as live
from consultation.meetings import urls as meetings
from consultation.topics import urls as topics
from consultation.votes import urls as votes

app_name = "consultation"

urlpatterns = [
    *meetings.urlpatterns,
    *topics.urlpatterns,
    *votes.urlpatterns,
    *deliberation.urlpatterns,
    *followup.urlpatterns,
    *live.urlpatterns,
]
