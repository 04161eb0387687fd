"""Reads of meetings: one meeting's page, places left, coming meetings."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone

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
        )
        .annotate(
            registered=Count(
                "participants", filter=Q(participants__how=Participant.How.REGISTERED)
            )
        )
        .get()
    )


def participation(meeting: Meeting, user: Any) -> Participant | None:
    """This person's place among the meeting's participants, if any."""
    if not getattr(user, "is_authenticated", False):
        return None
    return meeting.participants.filter(user=user).first()


def meeting_participants(meeting: Meeting):
    """The meeting's participants in page order (a 居民会议 has a thousand):
    for `page_of`, which reads one page of them."""
    return meeting.participants.select_related("user").order_by(
        "kind", "created_at", "pk"
    )


# ---------------------------------------------------------------------------
# The community home (communities.home blocks; one query each)
# ---------------------------------------------------------------------------
def _coming(days: int):
    now = timezone.now()
    return Meeting.objects.filter(
        cancelled_at__isnull=True,
        starts_at__gte=now,
        starts_at__lt=now + timedelta(days=days),
    ).order_by("starts_at", "pk")


def upcoming_meetings(community: Community, days: int, limit: int) -> list[Meeting]:
    """The community's meetings starting in the next `days` days."""
    return list(_coming(days).filter(community=community)[:limit])


def invited_meetings(
    user: Any, community: Community, days: int, limit: int
) -> list[Meeting]:
    """Coming meetings of the community where this person is a participant."""
    return list(
        _coming(days).filter(
            community=community,
            pk__in=Participant.objects.filter(user=user).values("meeting_id"),
        )[:limit]
    )
