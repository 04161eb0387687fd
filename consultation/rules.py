"""Who may do what in consultations: each concern's predicates and permission
table, loaded here so django-rules' autodiscovery registers them all.

Objects are a community, or a consultation, suggestion, meeting or motion of it
(each answers for its community). The tables are in docs/permissions.md
("Consultation"); services check the same rules whoever calls them.
"""

from consultation.deliberation import rules as deliberation
from consultation.followup import rules as followup
from consultation.live import rules as live
from consultation.meetings import rules as meetings
from consultation.topics import rules as topics
from consultation.votes import rules as votes

__all__ = ["deliberation", "followup", "live", "meetings", "topics", "votes"]
