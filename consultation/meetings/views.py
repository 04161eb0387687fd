"""Meeting pages: scheduling, the meeting page, its calendar file, one view per
committee action, registration.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from communities.cache import cache_public_page
from communities.forms import add_validation_error, form_errors, posted_id
from communities.models import Community
from communities.pagination import page_of
from communities.views import community_or_404, render_community
from consultation.deliberation.views import meeting_discussion
from consultation.meetings import forms as meeting_forms
from consultation.meetings import ics
from consultation.meetings import selectors as meeting_selectors
from consultation.meetings import services as meeting_services
from consultation.meetings.models import Meeting, Participant
from consultation.topics.views import consultation_or_404, require_permission
from consultation.votes import forms as vote_forms
from consultation.votes import services as vote_services


def meeting_or_404(community: Community, pk: int) -> Meeting:
    return get_object_or_404(
        Meeting.objects.select_related("community", "consultation"),
        community=community,
        pk=pk,
    )


# ---------------------------------------------------------------------------
# Meetings
# ---------------------------------------------------------------------------
@login_required
def meeting_create(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    community = community_or_404(slug)
    consultation = consultation_or_404(community, pk)
    if refused := require_permission(
        request, "consultation.manage_consultation", community
    ):
        return refused
    form = meeting_forms.MeetingForm(request.POST or None, community=community)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = meeting_services.schedule_meeting(
                actor=request.user, consultation=consultation, **form.cleaned_data
            )
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, _("The meeting is scheduled."))
            return redirect("consultation:meeting", slug, meeting.pk)
    return render_community(
        request,
        community,
        "consultation/form.html",
        {
            "form": form,
            "heading": _("Schedule a meeting"),
            "consultation": consultation,
            "notice_days": community.policy.meeting_notice_days,
            "assembly_days": community.policy.assembly_notice_days,
        },
        nav_key="consultations",
    )


def _manager_forms(meeting: Meeting) -> dict[str, Any]:
    """The committee's forms on the meeting page (a motion once there is an item)."""
    forms: dict[str, Any] = {
        "agenda_form": meeting_forms.AgendaItemForm(),
        "invite_form": meeting_forms.InviteForm(),
    }
    if meeting.agenda_items.all():
        forms["motion_form"] = vote_forms.MotionForm(meeting=meeting)
    return forms


@cache_public_page
def meeting_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    community = community_or_404(slug)
    try:
        meeting = meeting_selectors.meeting_page(community, pk)
    except Meeting.DoesNotExist:
        raise Http404 from None
    user = request.user
    may_manage = user.is_authenticated and user.has_perm(
        "consultation.manage_consultation", community
    )
    mine = meeting_selectors.participation(meeting, user)
    agenda = list(meeting.agenda_items.all())
    context: dict[str, Any] = {
        "meeting": meeting,
        "agenda": agenda,
        "deliberation": meeting_discussion(request, meeting, agenda),
        "participants": page_of(
            request,
            meeting_selectors.meeting_participants(meeting),
            param="participants",
        ),
        "mine": mine,
        "places_left": None
        if meeting.capacity is None
        else max(0, meeting.capacity - meeting.registered),
        "may_manage": may_manage,
        "may_register": user.is_authenticated
        and mine is None
        and user.has_perm("consultation.register_meeting", meeting),
        "notice_days": meeting_services.notice_days_required(meeting),
    }
    if may_manage:
        context.update(_manager_forms(meeting))
    return render_community(
        request,
        community,
        "consultation/meeting.html",
        context,
        nav_key="consultations",
    )


def meeting_ics(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    community = community_or_404(slug)
    meeting = meeting_or_404(community, pk)
    if meeting.notice_published_at is None and not (
        request.user.is_authenticated
        and request.user.has_perm("consultation.manage_consultation", community)
    ):
        raise Http404
    url = request.build_absolute_uri(
        reverse("consultation:meeting", args=[slug, meeting.pk])
    )
    response = HttpResponse(
        ics.calendar([(meeting, url)]),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="meeting-{meeting.pk}.ics"'
    return response


@login_required
def my_calendar(request: HttpRequest) -> HttpResponse:
    """The signed-in person's meetings (invited or registered) as one calendar."""
    entries = [
        (m, request.build_absolute_uri(ics.meeting_url(m)))
        for m in ics.meetings_for(request.user)
    ]
    response = HttpResponse(
        ics.calendar(entries, name=ics.my_meetings_name()),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="my-meetings.ics"'
    return response


def _committee_action(handler: Callable[[HttpRequest, Meeting], Any]) -> Callable:
    """One committee action on a meeting: POST by a signed-in committee member.

    A refused change shows its reasons as a message; the person returns to the
    meeting page unless the handler answers otherwise."""

    @require_POST
    @login_required
    @wraps(handler)
    def view(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        community = community_or_404(slug)
        meeting = meeting_or_404(community, pk)
        if refused := require_permission(
            request, "consultation.manage_consultation", community
        ):
            return refused
        try:
            response = handler(request, meeting)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            response = None
        return response or redirect("consultation:meeting", slug, pk)

    return view


@_committee_action
def meeting_publish_notice(request: HttpRequest, meeting: Meeting) -> None:
    meeting_services.publish_notice(actor=request.user, meeting=meeting)
    messages.success(request, _("The notice is published."))


@_committee_action
def meeting_held(request: HttpRequest, meeting: Meeting) -> None:
    meeting_services.mark_held(actor=request.user, meeting=meeting)
    messages.success(request, _("The meeting is recorded as held."))


@_committee_action
def meeting_add_agenda_item(request: HttpRequest, meeting: Meeting) -> None:
    form = meeting_forms.AgendaItemForm(request.POST)
    if not form.is_valid():
        raise ValidationError(_("Give the agenda item a title."))
    meeting_services.add_agenda_item(
        actor=request.user, meeting=meeting, **form.cleaned_data
    )
    messages.success(request, _("The agenda item is added."))


@_committee_action
def meeting_invite(request: HttpRequest, meeting: Meeting) -> None:
    form = meeting_forms.InviteForm(request.POST)
    if not form.is_valid():
        raise form_errors(form)
    person = None
    if email := form.cleaned_data["email"]:
        person = get_user_model().objects.filter(email__iexact=email).first()
        if person is None:
            raise ValidationError(_("Nobody has an account with that e-mail."))
    meeting_services.invite_participant(
        actor=request.user,
        meeting=meeting,
        kind=form.cleaned_data["kind"],
        user=person,
        name=form.cleaned_data["name"],
    )
    messages.success(request, _("The participant is invited."))


@_committee_action
def meeting_check_in(request: HttpRequest, meeting: Meeting) -> None:
    participant = get_object_or_404(
        Participant, meeting=meeting, pk=posted_id(request.POST, "participant")
    )
    meeting_services.check_in(actor=request.user, participant=participant)
    messages.success(request, _("Checked in."))


@_committee_action
def motion_create(request: HttpRequest, meeting: Meeting) -> HttpResponse:
    form = vote_forms.MotionForm(request.POST, meeting=meeting)
    if not form.is_valid():
        raise form_errors(form)
    data = form.cleaned_data
    motion = vote_services.create_motion(
        actor=request.user,
        agenda_item=data["agenda_item"],
        title=data["title"],
        description=data["description"],
        method=data["method"],
        options=data["options"].splitlines(),
        max_choices=data["max_choices"],
        electorate=data["electorate"],
        is_secret=data["is_secret"],
        hide_results=data["hide_results"],
        charter_version_id=data.get("charter_version"),
    )
    messages.success(request, _("The motion is created."))
    return redirect("consultation:motion", meeting.community.slug, motion.pk)


@require_POST
@login_required
def meeting_register(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    meeting = meeting_or_404(community_or_404(slug), pk)
    try:
        meeting_services.register(user=request.user, meeting=meeting)
        messages.success(request, _("You are registered."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("consultation:meeting", slug, pk)


@require_POST
@login_required
def meeting_cancel_registration(
    request: HttpRequest, slug: str, pk: int
) -> HttpResponse:
    meeting = meeting_or_404(community_or_404(slug), pk)
    try:
        meeting_services.cancel_registration(user=request.user, meeting=meeting)
        messages.success(request, _("Your registration is cancelled."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("consultation:meeting", slug, pk)
