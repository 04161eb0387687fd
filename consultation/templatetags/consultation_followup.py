"""Sections the consultation and meeting pages include: the discussion and the
chain from minutes to follow-up and ratings. Each runs a fixed number of queries.

Public pages are cached whole for anonymous visitors, so forms (and CSRF tokens)
are only rendered for signed-in people.
"""

from __future__ import annotations

from typing import Any

from django import template

from consultation.deliberation import forms as deliberation_forms
from consultation.deliberation import selectors as deliberation_selectors
from consultation.followup import selectors as followup_selectors

register = template.Library()


def _host(context: Any) -> str | None:
    request = context.get("request")
    return request.get_host() if request is not None else None


@register.inclusion_tag("consultation/includes/discussion.html", takes_context=True)
def consultation_discussion(context: Any, consultation: Any) -> dict[str, Any]:
    request = context.get("request")
    user = request.user
    may_moderate = user.is_authenticated and user.has_perm(
        "consultation.moderate_comment", consultation.community
    )
    comments = deliberation_selectors.threads(
        consultation, user=user, host=_host(context), may_moderate=may_moderate
    ).get(None, [])
    return {
        "request": request,
        "user": user,
        "csrf_token": context.get("csrf_token"),
        "community": consultation.community,
        "consultation": consultation,
        "comments": comments,
        "may_comment": user.is_authenticated
        and user.has_perm("consultation.comment", consultation),
        "may_moderate": may_moderate,
        "form": deliberation_forms.CommentForm(),
        "agenda_item": None,
        "heading_id": "discussion-heading",
    }


@register.inclusion_tag(
    "consultation/includes/meeting_deliberation.html", takes_context=True
)
def meeting_deliberation(context: Any, meeting: Any, agenda: list) -> dict[str, Any]:
    request = context.get("request")
    user = request.user
    consultation = meeting.consultation
    may_moderate = user.is_authenticated and user.has_perm(
        "consultation.moderate_comment", meeting.community
    )
    by_item = deliberation_selectors.threads(
        consultation,
        user=user,
        host=_host(context),
        agenda_item_ids=[item.pk for item in agenda],
        may_moderate=may_moderate,
    )
    return {
        "request": request,
        "user": user,
        "csrf_token": context.get("csrf_token"),
        "community": meeting.community,
        "consultation": consultation,
        "meeting": meeting,
        "items": [(item, by_item.get(item.pk, [])) for item in agenda],
        "may_comment": user.is_authenticated
        and user.has_perm("consultation.comment", consultation),
        "may_moderate": may_moderate,
        "form": deliberation_forms.CommentForm(),
    }


@register.inclusion_tag("consultation/includes/chain.html", takes_context=True)
def consultation_chain(context: Any, consultation: Any) -> dict[str, Any]:
    """Minutes → resolution → follow-up (owners, due dates) → ratings → closure."""
    data = followup_selectors.chain(consultation)
    return {
        "community": consultation.community,
        "consultation": consultation,
        **data,
    }
