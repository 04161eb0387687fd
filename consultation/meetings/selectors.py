"""Reads of meetings: one meeting's page, places left."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q

from communities.models import Community
from consultation.meetings.models import Meeting, Participant


def places_left(meeting: Meeting) -> int | None:
    if meeting.capacity is None:
        return None
    taken = meeting.participants.filter(how=Participant.How.REGISTERED).count()
    return max(0, meeting.capacity - taken)


def meeting_page(community: Community, pk: int) -> Meeting:
    return (
        Meeting.objects.filter(community=community, pk=pk)
        .select_related("consultation", "community")
        .prefetch_related(
            "agenda_items__motions",
            Prefetch(
                "participants",
                queryset=Participant.objects.select_related("user"),
            ),
        )
        .annotate(
            registered=Count(
                "participants", filter=Q(participants__how=Participant.How.REGISTERED)
            )
        )
        .get()
    )
