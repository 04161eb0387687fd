"""Deliberation writes: comments (rate-limited), reports, hiding, and the
consultation opinion the committee records after the meeting.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import record
from communities.selectors import committee_members
from consultation.deliberation import selectors as deliberation_selectors
from consultation.deliberation.models import Comment, CommentReport
from consultation.meetings.models import AgendaItem
from consultation.topics.models import (
    Consultation,
    State,
)
from consultation.topics.services import require_committee, transition
from notifications.services import notify


@transaction.atomic
def record_opinion(
    *, actor: Any, consultation: Consultation, opinion: str
) -> Consultation:
    """Record the consultation's opinion (协商意见) after the meeting was held."""
    require_committee(actor, consultation.community)
    opinion = opinion.strip()
    if not opinion:
        raise _refuse(_("Write the opinion the consultation reached."), "opinion")
    transition(
        actor=actor,
        consultation=consultation,
        to_state=State.OPINION_RECORDED,
        note=opinion,
    )
    consultation.opinion = opinion
    Consultation.objects.filter(pk=consultation.pk).update(opinion=opinion)
    return consultation


COMMENTS_PER_MINUTE = 5


def _refuse(message: str, field: str | None = None) -> ValidationError:
    return ValidationError({field: message} if field else message)


def _comment_url(comment: Comment) -> str:
    # The page of the discussion that holds it (issue 16: it is paginated).
    return deliberation_selectors.comment_url(comment)


def comments_per_minute() -> int:
    return getattr(settings, "CONSULTATION_COMMENTS_PER_MINUTE", COMMENTS_PER_MINUTE)


def _take_rate_slot(user: Any) -> bool:
    """Count one post against the person's allowance this minute (cache-wide)."""
    minute = int(timezone.now().timestamp() // 60)
    key = f"consultation:comments:{user.pk}:{minute}"
    if cache.add(key, 1, timeout=120):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=120)
        return True
    return count <= comments_per_minute()


def post_comment(
    *,
    author: Any,
    consultation: Consultation,
    body: str,
    agenda_item: AgendaItem | None = None,
    parent: Comment | None = None,
) -> Comment:
    """Post a comment (or a reply) after checking who may, the text and the rate."""
    if not author.has_perm("consultation.comment", consultation):
        raise _refuse(_("You cannot comment on this consultation."))
    body = (body or "").strip()
    if not body:
        raise _refuse(_("Write your comment."), "body")
    if len(body) > Comment._meta.get_field("body").max_length:
        raise _refuse(
            _("A comment can be at most %(n)s characters.")
            % {"n": Comment._meta.get_field("body").max_length},
            "body",
        )
    if agenda_item is not None and agenda_item.meeting.consultation_id != (
        consultation.pk
    ):
        raise _refuse(_("This agenda item belongs to another consultation."))
    if parent is not None:
        if parent.consultation_id != consultation.pk:
            raise _refuse(_("You can only reply within the same discussion."))
        # One level of replies: answering a reply joins its thread.
        if parent.parent_id is not None:
            parent = parent.parent
        agenda_item = parent.agenda_item
    if not _take_rate_slot(author):
        raise _refuse(
            _(
                "You are posting too quickly: at most %(n)s comments a minute. "
                "Wait a moment and try again."
            )
            % {"n": comments_per_minute()}
        )
    return Comment.objects.create(
        consultation=consultation,
        agenda_item=agenda_item,
        parent=parent,
        author=author,
        body=body,
    )


def report_comment(*, user: Any, comment: Comment, reason: str = "") -> CommentReport:
    """A verified resident reports a comment, once; the committee is told the first time."""

    if not user.has_perm("consultation.report_comment", comment):
        if comment.reports.filter(reporter=user).exists():
            raise _refuse(_("You have already reported this comment."))
        raise _refuse(_("You cannot report this comment."))
    try:
        with transaction.atomic():
            report = CommentReport.objects.create(
                comment=comment, reporter=user, reason=(reason or "").strip()[:300]
            )
            if comment.reports.count() == 1:
                notify(
                    recipients=committee_members(comment.consultation.community),
                    kind="consultation.comment_reported",
                    title=_("A comment was reported on %(title)s")
                    % {"title": comment.consultation.title},
                    body=report.reason,
                    url=_comment_url(comment),
                )
    except IntegrityError:
        raise _refuse(_("You have already reported this comment.")) from None
    return report


@transaction.atomic
def hide_comment(*, actor: Any, comment: Comment, reason: str) -> Comment:
    """The committee hides a comment with a reason; the author is told why."""
    if not actor.has_perm("consultation.moderate_comment", comment):
        raise _refuse(_("Only the community's committee may do this."))
    reason = (reason or "").strip()
    if not reason:
        raise _refuse(_("Give the reason for hiding the comment."), "reason")
    locked = Comment.objects.select_for_update().get(pk=comment.pk)
    if locked.hidden_at is not None:
        raise _refuse(_("This comment is already hidden."))
    locked.hidden_at = timezone.now()
    locked.hidden_by = actor
    locked.hidden_reason = reason
    locked.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
    for field in ("hidden_at", "hidden_by", "hidden_reason"):
        setattr(comment, field, getattr(locked, field))
    community = comment.consultation.community
    record(
        actor=actor,
        action="consultation.comment_hidden",
        target=locked,
        community=community,
        data={"reason": reason[:500], "author": locked.author_id},
    )
    if locked.author_id:
        notify(
            recipients=[locked.author],
            kind="consultation.comment_hidden",
            title=_("Your comment on %(title)s was hidden")
            % {"title": comment.consultation.title},
            body=_("The committee's reason: %(reason)s") % {"reason": reason},
            url=_comment_url(comment),
        )
    return comment
