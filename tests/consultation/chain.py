"""Build a consultation through the real services up to minutes and follow-up.

Shared by tests/consultation/deliberation and tests/consultation/followup.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from consultation.followup import selectors as followup_selectors
from consultation.followup import services as followup_services
from consultation.meetings import services as meeting_services
from consultation.models import Meeting, Minutes, Motion, Participant, Resolution
from consultation.topics import services as topic_services
from consultation.votes import services as vote_services


@dataclass
class Held:
    consultation: Any
    meeting: Meeting
    motion: Motion
    participants: list[Any] = field(default_factory=list)
    voters: list[Any] = field(default_factory=list)

    @property
    def minutes(self) -> Minutes:
        return Minutes.objects.get(meeting=self.meeting)


def held_meeting(*, committee, walk, residents, participants=2, votes_for=6):
    """A held meeting with `participants` residents invited and a closed vote."""
    consultation = topic_services.open_topic(
        actor=committee,
        community=committee_community(committee),
        title="增设充电桩",
        description="在3号楼旁增设电动车充电桩",
    )
    walk(consultation, "participants_set")
    meeting = consultation.meetings.first()
    invited = residents[:participants]
    for person in invited:
        meeting_services.invite_participant(
            actor=committee,
            meeting=meeting,
            kind=Participant.Kind.RESIDENT,
            user=person,
        )
    item = meeting_services.add_agenda_item(
        actor=committee, meeting=meeting, title="充电桩选址"
    )
    motion = vote_services.create_motion(
        actor=committee, agenda_item=item, title="同意在3号楼旁增设充电桩"
    )
    walk(consultation, "held")
    vote_services.open_vote(actor=committee, motion=motion)
    options = {o.code: o.pk for o in motion.options.all()}
    voters = residents[participants : participants + votes_for]
    for person in voters:
        vote_services.cast_ballot(
            user=person, motion=motion, option_ids=[options["for"]]
        )
    vote_services.close_vote(actor=committee, motion=motion)
    consultation.refresh_from_db()
    meeting.refresh_from_db()
    return Held(consultation, meeting, motion, invited, voters)


def committee_community(committee):
    from communities.models import Role, RoleGrant

    return (
        RoleGrant.objects.filter(user=committee, role=Role.COMMITTEE)
        .select_related("community")
        .first()
        .community
    )


def adopt(held: Held, committee) -> Resolution:
    """Circulate the minutes and have enough participants confirm them."""
    minutes = held.minutes
    followup_services.circulate_minutes(actor=committee, minutes=minutes)
    for person in held.participants[: followup_selectors.confirmations_needed(minutes)]:
        followup_services.confirm_minutes(user=person, minutes=minutes)
    minutes.refresh_from_db()
    return minutes.resolution
