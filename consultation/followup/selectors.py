"""Reads of follow-up: the chain from topic to follow-up, minutes and item pages,
who confirms, who took part, rating summaries.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Avg, Count, Exists, OuterRef, Prefetch, Q

from consultation.deliberation.models import Comment
from consultation.followup.models import (
    FollowUpItem,
    FollowUpRating,
    Minutes,
    ProgressUpdate,
    Resolution,
)
from consultation.meetings.models import Meeting, Participant
from consultation.topics.models import Consultation, State, Support
from consultation.votes.models import Ballot, Motion


def confirming_people(minutes: Minutes) -> list[Participant]:
    return list(
        minutes.meeting.participants.filter(user__isnull=False).select_related("user")
    )


def confirmations_needed(minutes: Minutes) -> int:
    """More than half of the participants with an account (at least one)."""
    return len(confirming_people(minutes)) // 2 + 1


def took_part_user_ids(consultation: Consultation) -> set[int]:
    """People who took part: meeting participants, voters on its motions, supporters
    of its suggestion and authors of its comments."""
    ids = set(
        Participant.objects.filter(
            meeting__consultation=consultation, user__isnull=False
        ).values_list("user_id", flat=True)
    )
    ids |= set(
        Ballot.objects.filter(
            motion__agenda_item__meeting__consultation=consultation,
            cast_by__isnull=False,
        ).values_list("cast_by_id", flat=True)
    )
    if consultation.suggestion_id:
        ids |= set(
            Support.objects.filter(
                suggestion_id=consultation.suggestion_id
            ).values_list("user_id", flat=True)
        )
    ids |= set(
        Comment.objects.filter(
            consultation=consultation, author__isnull=False
        ).values_list("author_id", flat=True)
    )
    return ids


def rating_summary(item: FollowUpItem) -> dict[str, Any]:
    return item.ratings.aggregate(average=Avg("score"), count=Count("pk"))


def chain(consultation: Consultation) -> dict[str, Any]:
    """Votes, minutes, resolutions and their follow-up items with ratings.

    Four queries (the consultation's events are prefetched by its page)."""
    minutes = list(
        Minutes.objects.filter(meeting__consultation=consultation)
        .select_related("meeting")
        .annotate(confirmation_count=Count("confirmations"))
        .order_by("meeting__starts_at")
    )
    resolutions = list(
        Resolution.objects.filter(consultation=consultation)
        .select_related("community")
        .prefetch_related(
            Prefetch(
                "items",
                queryset=FollowUpItem.objects.select_related("owner_user")
                .annotate(
                    rating_average=Avg("ratings__score"),
                    rating_count=Count("ratings", distinct=True),
                )
                .order_by("due_on", "pk"),
            )
        )
        .order_by("adopted_at", "pk")
    )
    motions = list(
        Motion.objects.filter(agenda_item__meeting__consultation=consultation)
        .select_related("agenda_item__meeting")
        .order_by("agenda_item__meeting__starts_at", "agenda_item__position", "pk")
    )
    closed_event = next(
        (e for e in consultation.events.all() if e.to_state == State.CLOSED), None
    )
    return {
        "minutes": minutes,
        "resolutions": resolutions,
        "motions": motions,
        "closed_event": closed_event,
    }


def minutes_page(meeting: Meeting) -> Minutes | None:
    return (
        Minutes.objects.filter(meeting=meeting)
        .select_related("meeting__consultation", "meeting__community", "edited_by")
        .prefetch_related("confirmations__user")
        .first()
    )


def item_page(community: Any, pk: int) -> FollowUpItem:
    return (
        FollowUpItem.objects.filter(community=community, pk=pk)
        .select_related(
            "community", "owner_user", "resolution__consultation", "closed_by"
        )
        .prefetch_related(
            "milestones",
            Prefetch(
                "updates",
                queryset=ProgressUpdate.objects.select_related(
                    "author"
                ).prefetch_related("photos"),
            ),
            Prefetch("ratings", queryset=FollowUpRating.objects.select_related("user")),
        )
        .annotate(rating_average=Avg("ratings__score"))
        .get()
    )


def items_of(community: Any, status: str = ""):
    """The community's follow-up items: open (default all), overdue or closed."""
    queryset = FollowUpItem.objects.filter(community=community)
    if status == "overdue":
        queryset = queryset.overdue()
    elif status == "open":
        queryset = queryset.open()
    elif status == "closed":
        queryset = queryset.filter(closed_at__isnull=False)
    return (
        queryset.select_related("owner_user", "resolution__consultation")
        .annotate(
            milestone_count=Count("milestones", distinct=True),
            milestones_done=Count(
                "milestones",
                filter=Q(milestones__done_at__isnull=False),
                distinct=True,
            ),
        )
        .order_by("closed_at", "due_on", "pk")
    )


def minutes_waiting(communities: Any) -> dict[int, int]:
    """{community pk: minutes not yet confirmed (drafts to send out, and minutes
    waiting for the participants' confirmation)}: one query (the work desk)."""
    rows = (
        Minutes.objects.filter(meeting__community__in=communities)
        .exclude(status=Minutes.Status.CONFIRMED)
        .values("meeting__community_id")
        .annotate(n=Count("pk"))
    )
    return {row["meeting__community_id"]: row["n"] for row in rows}


def ratable_items(user: Any, community: Any, limit: int) -> list[FollowUpItem]:
    """Closed follow-up items of the community this person took part in (as in
    `took_part_user_ids`) and has not rated yet: one query for any number."""
    consultation = OuterRef("resolution__consultation_id")
    took_part = (
        Exists(
            Participant.objects.filter(meeting__consultation=consultation, user=user)
        )
        | Exists(
            Ballot.objects.filter(
                motion__agenda_item__meeting__consultation=consultation, cast_by=user
            )
        )
        | Exists(
            Support.objects.filter(suggestion__consultation=consultation, user=user)
        )
        | Exists(Comment.objects.filter(consultation=consultation, author=user))
    )
    return list(
        FollowUpItem.objects.filter(community=community, closed_at__isnull=False)
        .filter(took_part)
        .exclude(ratings__user=user)
        .order_by("-closed_at", "-pk")[:limit]
    )
