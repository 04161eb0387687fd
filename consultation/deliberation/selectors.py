"""Reads of deliberation: the threads of a consultation, rendered."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, Value
from django.db.models.fields import BooleanField
from django.urls import reverse

from communities import pagination
from communities.rules import is_verified_resident
from consultation.deliberation.models import Comment, CommentReport
from consultation.deliberation.rendering import render_comment, resolution_links
from consultation.topics.models import Consultation


def threads(
    consultation: Consultation,
    *,
    user: Any,
    host: str | None,
    agenda_item_ids: list[int] | None = None,
    may_moderate: bool = False,
    root_ids: list[int] | None = None,
) -> dict[int | None, list[Comment]]:
    """Top-level comments (with `.thread_replies`) by agenda item (None: the topic).

    Two queries whatever the number of comments: the comments, and the resolutions
    their mentions name. `root_ids`: only these threads (a page of the topic's).
    """
    queryset = Comment.objects.filter(consultation=consultation)
    if root_ids is not None:
        queryset = queryset.filter(Q(pk__in=root_ids) | Q(parent_id__in=root_ids))
    elif agenda_item_ids is None:
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


def topic_roots(consultation: Consultation):
    """The topic's threads (its top-level comments not tied to an agenda item),
    oldest first: the order the discussion is read and paginated in."""
    return Comment.objects.filter(
        consultation=consultation, agenda_item__isnull=True, parent__isnull=True
    ).order_by("created_at", "pk")


def comment_url(comment: Comment) -> str:
    """The consultation page at the page of the discussion that holds `comment`
    (its thread), anchored on it."""
    consultation = comment.consultation
    url = reverse(
        "consultation:detail", args=[consultation.community.slug, consultation.pk]
    )
    if comment.agenda_item_id is None:
        root = comment.parent if comment.parent_id else comment
        before = (
            topic_roots(consultation)
            .filter(
                Q(created_at__lt=root.created_at)
                | Q(created_at=root.created_at, pk__lt=root.pk)
            )
            .count()
        )
        number = before // pagination.PER_PAGE + 1
        if number > 1:
            url += f"?discussion={number}"
    return url + f"#comment-{comment.pk}"


def my_comments(user: Any, limit: int) -> list[Comment]:
    """This person's comments, newest first (hidden ones too: they see why)."""
    return list(
        Comment.objects.filter(author=user)
        .select_related("consultation__community")
        .order_by("-created_at", "-pk")[:limit]
    )
