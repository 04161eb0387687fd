"""Deliberation actions: post a comment or reply, report one, hide one.

The comments themselves are shown by the consultation and meeting pages (template
tags in `consultation_followup`); these views only take the POSTs and go back.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from communities.pagination import page_of
from communities.views import community_or_404, local_next
from consultation.deliberation import forms as deliberation_forms
from consultation.deliberation import selectors as deliberation_selectors
from consultation.deliberation import services as deliberation_services
from consultation.deliberation.models import Comment
from consultation.meetings.models import AgendaItem, Meeting
from consultation.topics.models import Consultation


def discussion(request: HttpRequest, consultation: Consultation) -> dict[str, Any]:
    """What the consultation page shows of its discussion: the threads not tied to
    an agenda item, and what this person may do there."""
    user = request.user
    may_moderate = user.is_authenticated and user.has_perm(
        "consultation.moderate_comment", consultation.community
    )
    comments = page_of(
        request, deliberation_selectors.topic_roots(consultation), param="discussion"
    )
    comments.object_list = deliberation_selectors.threads(
        consultation,
        user=user,
        host=request.get_host(),
        may_moderate=may_moderate,
        root_ids=[root.pk for root in comments.object_list],
    ).get(None, [])
    return {
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


def meeting_discussion(
    request: HttpRequest, meeting: Meeting, agenda: list[AgendaItem]
) -> dict[str, Any]:
    """What the meeting page shows of the discussion: the threads of each agenda
    item, and what this person may do there."""
    user = request.user
    consultation = meeting.consultation
    may_moderate = user.is_authenticated and user.has_perm(
        "consultation.moderate_comment", meeting.community
    )
    by_item = deliberation_selectors.threads(
        consultation,
        user=user,
        host=request.get_host(),
        agenda_item_ids=[item.pk for item in agenda],
        may_moderate=may_moderate,
    )
    return {
        "community": meeting.community,
        "consultation": consultation,
        "meeting": meeting,
        "items": [(item, by_item.get(item.pk, [])) for item in agenda],
        "may_comment": user.is_authenticated
        and user.has_perm("consultation.comment", consultation),
        "may_moderate": may_moderate,
        "form": deliberation_forms.CommentForm(),
    }


def _back(request: HttpRequest, fallback: str) -> HttpResponse:
    return HttpResponseRedirect(local_next(request, fallback))


def _comment(slug: str, pk: int) -> Comment:
    community = community_or_404(slug)
    return get_object_or_404(
        Comment.objects.select_related(
            "consultation__community", "author", "agenda_item"
        ),
        consultation__community=community,
        pk=pk,
    )


def _replied_to(consultation: Consultation, data: dict[str, Any]) -> dict[str, Any]:
    """The agenda item and the parent comment a new comment names, if any (404
    when they are not of this consultation)."""
    agenda_item = parent = None
    if data.get("agenda_item"):
        agenda_item = get_object_or_404(
            AgendaItem.objects.select_related("meeting"),
            meeting__consultation=consultation,
            pk=data["agenda_item"],
        )
    if data.get("parent"):
        parent = get_object_or_404(
            Comment.objects.select_related("agenda_item"),
            consultation=consultation,
            pk=data["parent"],
        )
    return {"agenda_item": agenda_item, "parent": parent}


@require_POST
@login_required
def comment_post(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    # The consultation with its community in one query (404 for another's slug).
    consultation = get_object_or_404(
        Consultation.objects.select_related("community"), community__slug=slug, pk=pk
    )
    fallback = consultation_url = reverse("consultation:detail", args=[slug, pk])
    form = deliberation_forms.CommentForm(request.POST)
    if not form.is_valid():
        messages.error(
            request, " ".join(e for errors in form.errors.values() for e in errors)
        )
        return _back(request, fallback)
    data = form.cleaned_data
    try:
        comment = deliberation_services.post_comment(
            author=request.user,
            consultation=consultation,
            body=data["body"],
            **_replied_to(consultation, data),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _back(request, consultation_url)
    messages.success(request, _("Your comment is posted."))
    if comment.agenda_item_id is None:  # the page of the discussion that holds it
        return HttpResponseRedirect(deliberation_selectors.comment_url(comment))
    response = _back(request, consultation_url)
    response["Location"] = response["Location"].split("#")[0] + f"#comment-{comment.pk}"
    return response


@require_POST
@login_required
def comment_report(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    comment = _comment(slug, pk)
    form = deliberation_forms.ReportForm(request.POST)
    form.is_valid()
    try:
        deliberation_services.report_comment(
            user=request.user,
            comment=comment,
            reason=form.cleaned_data.get("reason", ""),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Thank you. The committee will look at it."))
    return _back(
        request, reverse("consultation:detail", args=[slug, comment.consultation_id])
    )


@require_POST
@login_required
def comment_hide(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    comment = _comment(slug, pk)
    form = deliberation_forms.HideForm(request.POST)
    form.is_valid()
    try:
        deliberation_services.hide_comment(
            actor=request.user,
            comment=comment,
            reason=form.cleaned_data.get("reason", ""),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The comment is hidden; its author is told why."))
    return _back(
        request, reverse("consultation:detail", args=[slug, comment.consultation_id])
    )
