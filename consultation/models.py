"""Consultation (城乡社区协商): every model of the app, imported from its concern.

The chain a resident can follow on one page:

    Suggestion (+ Support) --threshold--> Consultation (topic) --> Meeting
        --> AgendaItem --> Motion (+ Option) --> Elector snapshot --> Ballot / PaperTally
        --> Minutes --> Resolution --> FollowUpItem

Django and the migrations find the models here; code imports them from here or
from the concern's own `models` module.
"""

from consultation.deliberation.models import (
    COMMENT_MAX_LENGTH,
    Comment,
    CommentReport,
)
from consultation.followup.models import (
    FollowUpFollower,
    FollowUpItem,
    FollowUpQuerySet,
    FollowUpRating,
    Milestone,
    Minutes,
    MinutesConfirmation,
    ProgressPhoto,
    ProgressUpdate,
    Resolution,
)
from consultation.live.models import SpeakingRequest
from consultation.meetings.models import AgendaItem, Meeting, Participant
from consultation.topics.models import (
    CHAIN,
    TRANSITIONS,
    Consultation,
    ConsultationEvent,
    ConsultationQuerySet,
    State,
    Suggestion,
    Support,
)
from consultation.votes.models import (
    Ballot,
    BallotChoice,
    Elector,
    Motion,
    Option,
    PaperCount,
    PaperTally,
    Proxy,
)

__all__ = [
    "CHAIN",
    "COMMENT_MAX_LENGTH",
    "TRANSITIONS",
    "AgendaItem",
    "Ballot",
    "BallotChoice",
    "Comment",
    "CommentReport",
    "Consultation",
    "ConsultationEvent",
    "ConsultationQuerySet",
    "Elector",
    "FollowUpFollower",
    "FollowUpItem",
    "FollowUpQuerySet",
    "FollowUpRating",
    "Meeting",
    "Milestone",
    "Minutes",
    "MinutesConfirmation",
    "Motion",
    "Option",
    "PaperCount",
    "PaperTally",
    "Participant",
    "ProgressPhoto",
    "ProgressUpdate",
    "Proxy",
    "Resolution",
    "SpeakingRequest",
    "State",
    "Suggestion",
    "Support",
]
