"""Consultation pages: the community's list, a consultation's chain, meetings, votes.

Views stay thin: they check the permission (consultation/rules.py), call a service
and show its ValidationError on the form. Public pages (list, consultation,
meeting) are cached whole for anonymous visitors, so they show no form to them.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from communities import navigation
from communities.cache import cache_public_page
from communities.models import Community
from communities.views import refusal
from consultation import forms, ics, selectors, services
from consultation.models import (
    Consultation,
    Meeting,
    Motion,
    Participant,
    State,
    Suggestion,
)


def _add_errors(form: Form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def _community(slug: str) -> Community:
    return get_object_or_404(Community.objects.select_related("street"), slug=slug)


def _page(
    request: HttpRequest,
    community: Community,
    template: str,
    context: dict[str, Any],
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        template,
        {
            "community": community,
            "community_nav": navigation.items_for(
                request=request, community=community, current="consultations"
            ),
            **context,
        },
        status=status,
    )


def _require(request: HttpRequest, perm: str, obj: Any) -> HttpResponse | None:
    """None when allowed; otherwise the sign-in redirect or the refusal."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not request.user.has_perm(perm, obj):
        return refusal(request, perm, obj)
    return None


def _consultation(community: Community, pk: int) -> Consultation:
    return get_object_or_404(
        Consultation.objects.select_related("community", "suggestion"),
        community=community,
        pk=pk,
    )


def _meeting(community: Community, pk: int) -> Meeting:
    return get_object_or_404(
        Meeting.objects.select_related("community", "consultation"),
        community=community,
        pk=pk,
    )


def _motion(community: Community, pk: int) -> Motion:
    return get_object_or_404(
        Motion.objects.select_related(
            "community", "agenda_item__meeting__consultation"
        ),
        community=community,
        pk=pk,
    )


# ---------------------------------------------------------------------------
# The community's consultations
# ---------------------------------------------------------------------------
@cache_public_page
def consultation_list(request: HttpRequest, slug: str) -> HttpResponse:
    community = _community(slug)
    state = request.GET.get("state") or ""
    if state not in State.values:
        state = ""
    user = request.user
    return _page(
        request,
        community,
        "consultation/list.html",
        {
            "consultations": selectors.consultations_of(community, state or None),
            "suggestions": selectors.open_suggestions_of(community),
            "threshold": services.petition_threshold(community),
            "states": State.choices,
            "state": state,
            "may_propose": user.is_authenticated
            and user.has_perm("consultation.propose_topic", community),
            "may_suggest": user.is_authenticated
            and user.has_perm("consultation.post_suggestion", community),
        },
    )


def _topic_form_page(
    request: HttpRequest,
    slug: str,
    *,
    permission: str,
    heading: str,
    create: Any,
    done: str,
    target: str,
) -> HttpResponse:
    """A topic or suggestion form: check, create through the service, show its errors."""
    community = _community(slug)
    if refused := _require(request, permission, community):
        return refused
    form = forms.TopicForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            created = create(request.user, community, form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, done)
            return redirect(target, slug, created.pk)
    return _page(
        request, community, "consultation/form.html", {"form": form, "heading": heading}
    )


@login_required
def topic_create(request: HttpRequest, slug: str) -> HttpResponse:
    return _topic_form_page(
        request,
        slug,
        permission="consultation.propose_topic",
        heading=_("Propose a topic"),
        create=lambda user, community, data: services.open_topic(
            actor=user, community=community, **data
        ),
        done=_("The topic is proposed."),
        target="consultation:detail",
    )


@login_required
def suggestion_create(request: HttpRequest, slug: str) -> HttpResponse:
    return _topic_form_page(
        request,
        slug,
        permission="consultation.post_suggestion",
        heading=_("Suggest a topic"),
        create=lambda user, community, data: services.post_suggestion(
            author=user, community=community, **data
        ),
        done=_("Your suggestion is posted."),
        target="consultation:suggestion",
    )


def suggestion_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    community = _community(slug)
    suggestion = get_object_or_404(
        Suggestion.objects.select_related("author").prefetch_related("supports"),
        community=community,
        pk=pk,
    )
    user = request.user
    consultation = getattr(suggestion, "consultation", None)
    return _page(
        request,
        community,
        "consultation/suggestion.html",
        {
            "suggestion": suggestion,
            "support_count": len(suggestion.supports.all()),
            "threshold": services.petition_threshold(community),
            "consultation": consultation,
            "supported": user.is_authenticated
            and any(s.user_id == user.pk for s in suggestion.supports.all()),
            "may_support": user.is_authenticated
            and user.has_perm("consultation.support_suggestion", suggestion),
        },
    )


@require_POST
@login_required
def suggestion_support(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    community = _community(slug)
    suggestion = get_object_or_404(Suggestion, community=community, pk=pk)
    try:
        services.support(user=request.user, suggestion=suggestion)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if suggestion.status == Suggestion.Status.PROMOTED:
            messages.success(
                request, _("Thank you. Enough residents agree: it is now a topic.")
            )
        else:
            messages.success(request, _("Thank you for your support."))
    return redirect("consultation:suggestion", slug, pk)


# ---------------------------------------------------------------------------
# One consultation: the chain, its history, committee controls
# ---------------------------------------------------------------------------
STEP_ACTIONS = {
    # state -> (action key, button label, text field label or None)
    State.ACCEPTED: (
        "set_participants",
        gettext_lazy("Confirm the participants"),
        None,
    ),
    State.HELD: (
        "record_opinion",
        gettext_lazy("Record the opinion"),
        gettext_lazy("Consultation opinion"),
    ),
    State.OPINION_RECORDED: (
        "start_implementation",
        gettext_lazy("Start implementing"),
        gettext_lazy("Note"),
    ),
    State.IMPLEMENTING: (
        "publish_feedback",
        gettext_lazy("Publish feedback"),
        gettext_lazy("Feedback"),
    ),
    State.FEEDBACK_PUBLISHED: (
        "close",
        gettext_lazy("Close the consultation"),
        gettext_lazy("Note"),
    ),
}


@cache_public_page
def consultation_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    community = _community(slug)
    try:
        consultation = selectors.consultation_page(community, pk)
    except Consultation.DoesNotExist:
        raise Http404 from None
    user = request.user
    may_manage = user.is_authenticated and user.has_perm(
        "consultation.manage_consultation", community
    )
    step = STEP_ACTIONS.get(consultation.state)
    return _page(
        request,
        community,
        "consultation/detail.html",
        {
            "consultation": consultation,
            "steps": selectors.chain_steps(consultation),
            "events": list(consultation.events.all()),
            "meetings": list(consultation.meetings.all()),
            "may_manage": may_manage,
            "may_decide": user.is_authenticated
            and user.has_perm("consultation.decide_topic", consultation),
            "may_schedule": may_manage
            and consultation.state in services.MEETING_STATES,
            "step": step,
            "step_label": step[1] if step else "",
            "step_text_label": step[2] if step else "",
        },
    )


@require_POST
@login_required
def consultation_decide(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    community = _community(slug)
    consultation = _consultation(community, pk)
    if refused := _require(request, "consultation.decide_topic", consultation):
        return refused
    form = forms.ReasonForm(request.POST)
    form.is_valid()
    reason = form.cleaned_data.get("reason", "")
    try:
        if request.POST.get("decision") == "decline":
            services.decline(
                actor=request.user, consultation=consultation, reason=reason
            )
            messages.success(request, _("The topic is declined."))
        else:
            services.accept(
                actor=request.user, consultation=consultation, reason=reason
            )
            messages.success(request, _("The topic is accepted."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("consultation:detail", slug, pk)


@require_POST
@login_required
def consultation_step(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The committee's next step (participants, opinion, implementation, ...)."""
    community = _community(slug)
    consultation = _consultation(community, pk)
    if refused := _require(request, "consultation.manage_consultation", community):
        return refused
    form = forms.NoteForm(request.POST)
    form.is_valid()
    text = form.cleaned_data.get("text", "")
    action = request.POST.get("action", "")
    actor = request.user
    calls = {
        "set_participants": lambda: services.set_participants(
            actor=actor, consultation=consultation
        ),
        "record_opinion": lambda: services.record_opinion(
            actor=actor, consultation=consultation, opinion=text
        ),
        "start_implementation": lambda: services.start_implementation(
            actor=actor, consultation=consultation, note=text
        ),
        "publish_feedback": lambda: services.publish_feedback(
            actor=actor, consultation=consultation, feedback=text
        ),
        "close": lambda: services.close(
            actor=actor, consultation=consultation, note=text
        ),
    }
    if action not in calls:
        messages.error(request, _("Unknown step."))
    else:
        try:
            calls[action]()
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("The consultation is now: %(state)s")
                % {"state": consultation.get_state_display()},
            )
    return redirect("consultation:detail", slug, pk)


# ---------------------------------------------------------------------------
# Meetings
# ---------------------------------------------------------------------------
@login_required
def meeting_create(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    community = _community(slug)
    consultation = _consultation(community, pk)
    if refused := _require(request, "consultation.manage_consultation", community):
        return refused
    form = forms.MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.schedule_meeting(
                actor=request.user, consultation=consultation, **form.cleaned_data
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The meeting is scheduled."))
            return redirect("consultation:meeting", slug, meeting.pk)
    return _page(
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
    )


@cache_public_page
def meeting_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    community = _community(slug)
    try:
        meeting = selectors.meeting_page(community, pk)
    except Meeting.DoesNotExist:
        raise Http404 from None
    user = request.user
    may_manage = user.is_authenticated and user.has_perm(
        "consultation.manage_consultation", community
    )
    participants = list(meeting.participants.all())
    mine = (
        next((p for p in participants if p.user_id == user.pk), None)
        if user.is_authenticated
        else None
    )
    left = None
    if meeting.capacity is not None:
        left = max(0, meeting.capacity - meeting.registered)
    context: dict[str, Any] = {
        "meeting": meeting,
        "agenda": list(meeting.agenda_items.all()),
        "participants": participants,
        "mine": mine,
        "places_left": left,
        "may_manage": may_manage,
        "may_register": user.is_authenticated
        and mine is None
        and user.has_perm("consultation.register_meeting", meeting),
        "notice_days": services.notice_days_required(meeting),
    }
    if may_manage:
        context["agenda_form"] = forms.AgendaItemForm()
        context["invite_form"] = forms.InviteForm()
        if meeting.agenda_items.all():
            context["motion_form"] = forms.MotionForm(meeting=meeting)
    return _page(request, community, "consultation/meeting.html", context)


def meeting_ics(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    community = _community(slug)
    meeting = _meeting(community, pk)
    if meeting.notice_published_at is None and not (
        request.user.is_authenticated
        and request.user.has_perm("consultation.manage_consultation", community)
    ):
        raise Http404
    url = request.build_absolute_uri(
        reverse("consultation:meeting", args=[slug, meeting.pk])
    )
    response = HttpResponse(
        ics.calendar([(meeting, url)]), content_type="text/calendar; charset=utf-8"
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


@require_POST
@login_required
def meeting_action(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The committee's meeting actions: notice, held, agenda, invitations, check-in."""
    community = _community(slug)
    meeting = _meeting(community, pk)
    if refused := _require(request, "consultation.manage_consultation", community):
        return refused
    action = request.POST.get("action", "")
    actor = request.user
    try:
        if action == "publish_notice":
            services.publish_notice(actor=actor, meeting=meeting)
            messages.success(request, _("The notice is published."))
        elif action == "held":
            services.mark_held(actor=actor, meeting=meeting)
            messages.success(request, _("The meeting is recorded as held."))
        elif action == "agenda":
            form = forms.AgendaItemForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_("Give the agenda item a title."))
            services.add_agenda_item(actor=actor, meeting=meeting, **form.cleaned_data)
            messages.success(request, _("The agenda item is added."))
        elif action == "invite":
            form = forms.InviteForm(request.POST)
            if not form.is_valid():
                raise ValidationError(
                    [e for errors in form.errors.values() for e in errors]
                )
            person = None
            if form.cleaned_data["email"]:
                person = (
                    get_user_model()
                    .objects.filter(email__iexact=form.cleaned_data["email"])
                    .first()
                )
                if person is None:
                    raise ValidationError(_("Nobody has an account with that e-mail."))
            services.invite_participant(
                actor=actor,
                meeting=meeting,
                kind=form.cleaned_data["kind"],
                user=person,
                name=form.cleaned_data["name"],
            )
            messages.success(request, _("The participant is invited."))
        elif action == "check_in":
            participant = get_object_or_404(
                Participant, meeting=meeting, pk=request.POST.get("participant")
            )
            services.check_in(actor=actor, participant=participant)
            messages.success(request, _("Checked in."))
        elif action == "motion":
            form = forms.MotionForm(request.POST, meeting=meeting)
            if not form.is_valid():
                raise ValidationError(
                    [e for errors in form.errors.values() for e in errors]
                )
            data = form.cleaned_data
            motion = services.create_motion(
                actor=actor,
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
            return redirect("consultation:motion", slug, motion.pk)
        else:
            messages.error(request, _("Unknown action."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("consultation:meeting", slug, pk)


@require_POST
@login_required
def meeting_register(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    community = _community(slug)
    meeting = _meeting(community, pk)
    try:
        if request.POST.get("cancel"):
            services.cancel_registration(user=request.user, meeting=meeting)
            messages.success(request, _("Your registration is cancelled."))
        else:
            services.register(user=request.user, meeting=meeting)
            messages.success(request, _("You are registered."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("consultation:meeting", slug, pk)


# ---------------------------------------------------------------------------
# Votes
# ---------------------------------------------------------------------------
def motion_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The vote page. A closed vote's page never changes (its result is stored at
    close; any later save of the motion retires the cache), so anonymous visitors get
    it from the page cache; an open vote's tally moves with every ballot, so it is
    always rendered."""
    closed = Motion.objects.filter(
        pk=pk, community__slug=slug, status=Motion.Status.CLOSED
    ).exists()
    if closed:
        return _closed_motion_detail(request, slug, pk)
    return _motion_detail(request, slug, pk)


def _motion_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The vote page: the ballot for electors, results when visible, controls."""
    community = _community(slug)
    motion = _motion(community, pk)
    user = request.user
    may_manage = user.is_authenticated and user.has_perm(
        "consultation.manage_consultation", community
    )
    electors = services.electors_for(user=user, motion=motion)
    voted_ids = (
        set(
            motion.ballots.filter(elector__in=electors).values_list(
                "elector_id", flat=True
            )
        )
        if electors
        else set()
    )
    context: dict[str, Any] = {
        "motion": motion,
        "meeting": motion.agenda_item.meeting,
        "options": list(motion.options.all()),
        "electors": [(e, e.pk in voted_ids) for e in electors],
        "may_vote": motion.is_open and any(e.pk not in voted_ids for e in electors),
        "result": selectors.result_for_display(motion),
        "may_manage": may_manage,
    }
    if motion.charter_version_id is not None:
        from governance.charters.services.consultation import charter_vote_summary

        context["charter"] = charter_vote_summary(motion.charter_version_id)
        context["charter_outcome"] = (motion.result or {}).get("charter")
    if may_manage and motion.is_open:
        context["paper_form"] = forms.PaperTallyForm(motion=motion)
        context["proxy_form"] = forms.ProxyForm(motion=motion)
        if motion.charter_version_id is not None:
            context["close_form"] = forms.CloseVoteForm()
    return _page(request, community, "consultation/motion.html", context)


_closed_motion_detail = cache_public_page(_motion_detail)


@require_POST
@login_required
def motion_vote(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    community = _community(slug)
    motion = _motion(community, pk)
    if not request.user.has_perm("consultation.vote", motion):
        messages.error(request, _("You cannot vote on this motion."))
        return redirect("consultation:motion", slug, pk)
    electors = {
        e.pk: e for e in services.electors_for(user=request.user, motion=motion)
    }
    elector = electors.get(int(request.POST.get("elector") or 0))
    try:
        option_ids = [int(v) for v in request.POST.getlist("option")]
        services.cast_ballot(
            user=request.user, motion=motion, option_ids=option_ids, elector=elector
        )
    except ValueError:
        messages.error(request, _("Choose among the motion's options."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your ballot is cast."))
    return redirect("consultation:motion", slug, pk)


@require_POST
@login_required
def motion_action(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    community = _community(slug)
    motion = _motion(community, pk)
    if not request.user.has_perm("consultation.manage_consultation", community):
        raise PermissionDenied
    action = request.POST.get("action", "")
    actor = request.user
    try:
        if action == "open":
            services.open_vote(actor=actor, motion=motion)
            messages.success(request, _("The vote is open."))
        elif action == "close":
            women = None
            if motion.charter_version_id is not None:
                form = forms.CloseVoteForm(request.POST)
                if not form.is_valid():
                    raise ValidationError(
                        [e for errors in form.errors.values() for e in errors]
                    )
                women = form.cleaned_data["women"]
            services.close_vote(actor=actor, motion=motion, women=women)
            messages.success(request, _("The vote is closed."))
            charter = (motion.result or {}).get("charter")
            if charter and not charter.get("recorded"):
                messages.warning(
                    request,
                    _("The charter's vote record was refused: %(reason)s")
                    % {"reason": charter.get("error", "")},
                )
        elif action == "paper":
            form = forms.PaperTallyForm(request.POST, motion=motion)
            if not form.is_valid():
                raise ValidationError(_("Enter whole numbers of 0 or more."))
            services.enter_paper_tally(
                actor=actor,
                motion=motion,
                ballots=form.cleaned_data["ballots"],
                counts=form.counts(),
            )
            messages.success(request, _("The paper count is entered."))
        elif action == "proxy":
            form = forms.ProxyForm(request.POST, motion=motion)
            if not form.is_valid():
                raise ValidationError(
                    [e for errors in form.errors.values() for e in errors]
                )
            holder = (
                get_user_model()
                .objects.filter(email__iexact=form.cleaned_data["holder_email"])
                .first()
            )
            if holder is None:
                raise ValidationError(_("Nobody has an account with that e-mail."))
            services.record_proxy(
                actor=actor,
                elector=form.cleaned_data["elector"],
                holder=holder,
                note=form.cleaned_data["note"],
            )
            messages.success(request, _("The proxy is recorded."))
        else:
            messages.error(request, _("Unknown action."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("consultation:motion", slug, pk)
