"""Reads of deliberation, minutes and follow-up: a fixed number of queries each."""

from __future__ import annotations

from typing import Any

from django.db.models import Avg, Count, Exists, OuterRef, Prefetch, Q, Value
from django.db.models.fields import BooleanField

from communities.rules import is_verified_resident
from consultation.deliberation import render_comment, resolution_links
from consultation.models import (
    Comment,
    CommentReport,
    Consultation,
    FollowUpItem,
    FollowUpRating,
    Meeting,
    Minutes,
    Motion,
    ProgressUpdate,
    Resolution,
    State,
)


def threads(
    consultation: Consultation,
    *,
    user: Any,
    host: str | None,
    agenda_item_ids: list[int] | None = None,
    may_moderate: bool = False,
) -> dict[int | None, list[Comment]]:
    """Top-level comments (with `.thread_replies`) by agenda item (None: the topic).

    Two queries whatever the number of comments: the comments, and the resolutions
    their mentions name.
    """
    queryset = Comment.objects.filter(consultation=consultation)
    if agenda_item_ids is None:
        queryset = queryset.filter(agenda_item__isnull=True)
    else:
        queryset = queryset.filter(agenda_item_id__in=agenda_item_ids)
    signed_in = getattr(user, "is_authenticated", False)
    queryset = queryset.select_related("author").annotate(
        report_count=Count("reports"),
        reported_by_me=Exists(
            CommentReport.objects.filter(comment=OuterRef("pk"), reporter_id=user.pk)
        )
        if signed_in
        else Value(False, output_field=BooleanField()),
    )
    comments = list(queryset.order_by("created_at", "pk"))
    community = consultation.community
    links = resolution_links(community, [c.body for c in comments if not c.is_hidden])
    may_report = signed_in and is_verified_resident(user, community)
    by_id: dict[int, Comment] = {}
    result: dict[int | None, list[Comment]] = {}
    for comment in comments:
        comment.thread_replies = []
        comment.rendered = (
            render_comment(
                comment.body, community=community, resolutions=links, host=host
            )
            if not comment.is_hidden or may_moderate
            else ""
        )
        comment.may_report = (
            may_report
            and not comment.is_hidden
            and comment.author_id != user.pk
            and not comment.reported_by_me
        )
        by_id[comment.pk] = comment
    for comment in comments:
        if comment.parent_id and comment.parent_id in by_id:
            by_id[comment.parent_id].thread_replies.append(comment)
        else:
            result.setdefault(comment.agenda_item_id, []).append(comment)
    return result


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
