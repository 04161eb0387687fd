"""Topic pages: the community's consultations, proposing a topic or a suggestion,
supporting one, a consultation's page and the committee's steps.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from communities.cache import cache_public_page
from communities.forms import add_validation_error
from communities.models import Community
from communities.pagination import page_of
from communities.views import community_or_404, refusal, render_community
from consultation.deliberation import services as deliberation_services
from consultation.deliberation.views import discussion
from consultation.followup import selectors as followup_selectors
from consultation.meetings import services as meeting_services
from consultation.topics import forms as topic_forms
from consultation.topics import selectors as topic_selectors
from consultation.topics import services as topic_services
from consultation.topics.models import Consultation, State, Suggestion


def require_permission(
    request: HttpRequest, perm: str, obj: Any
) -> HttpResponse | None:
    """None when allowed; otherwise the sign-in redirect or the refusal."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not request.user.has_perm(perm, obj):
        return refusal(request, perm, obj)
    return None


def consultation_or_404(community: Community, pk: int) -> Consultation:
    return get_object_or_404(
        Consultation.objects.select_related("community", "suggestion"),
        community=community,
        pk=pk,
    )


# ---------------------------------------------------------------------------
# The community's consultations
# ---------------------------------------------------------------------------
@cache_public_page
def consultation_list(request: HttpRequest, slug: str) -> HttpResponse:
    community = community_or_404(slug)
    state = request.GET.get("state") or ""
    if state not in State.values:
        state = ""
    user = request.user
    return render_community(
        request,
        community,
        "consultation/list.html",
        {
            "consultations": page_of(
                request, topic_selectors.consultations_of(community, state or None)
            ),
            "suggestions": page_of(
                request,
                topic_selectors.open_suggestions_of(community),
                param="suggestions",
            ),
            "threshold": topic_services.petition_threshold(community),
            "states": State.choices,
            "state": state,
            "may_propose": user.is_authenticated
            and user.has_perm("consultation.propose_topic", community),
            "may_suggest": user.is_authenticated
            and user.has_perm("consultation.post_suggestion", community),
        },
        nav_key="consultations",
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
    community = community_or_404(slug)
    if refused := require_permission(request, permission, community):
        return refused
    form = topic_forms.TopicForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            created = create(request.user, community, form.cleaned_data)
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, done)
            return redirect(target, slug, created.pk)
    return render_community(
        request,
        community,
        "consultation/form.html",
        {"form": form, "heading": heading},
        nav_key="consultations",
    )


@login_required
def topic_create(request: HttpRequest, slug: str) -> HttpResponse:
    return _topic_form_page(
        request,
        slug,
        permission="consultation.propose_topic",
        heading=_("Propose a topic"),
        create=lambda user, community, data: topic_services.open_topic(
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
        create=lambda user, community, data: topic_services.post_suggestion(
            author=user, community=community, **data
        ),
        done=_("Your suggestion is posted."),
        target="consultation:suggestion",
    )


def suggestion_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    community = community_or_404(slug)
    user = request.user
    suggestion = get_object_or_404(
        topic_selectors.suggestion_page(user), community=community, pk=pk
    )
    consultation = getattr(suggestion, "consultation", None)
    return render_community(
        request,
        community,
        "consultation/suggestion.html",
        {
            "suggestion": suggestion,
            "support_count": suggestion.support_count,
            "threshold": topic_services.petition_threshold(community),
            "consultation": consultation,
            "supported": suggestion.supported,
            "may_support": user.is_authenticated
            and user.has_perm("consultation.support_suggestion", suggestion),
        },
        nav_key="consultations",
    )


@require_POST
@login_required
def suggestion_support(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    # The community and its policy (the threshold's fraction) in the same query.
    suggestion = get_object_or_404(
        Suggestion.objects.select_related("community__settings"),
        community__slug=slug,
        pk=pk,
    )
    try:
        topic_services.support(user=request.user, suggestion=suggestion)
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
    # state -> (URL name of the step, button label, text field label or None)
    State.ACCEPTED: (
        "consultation:step-set-participants",
        gettext_lazy("Confirm the participants"),
        None,
    ),
    State.HELD: (
        "consultation:step-record-opinion",
        gettext_lazy("Record the opinion"),
        gettext_lazy("Consultation opinion"),
    ),
    State.OPINION_RECORDED: (
        "consultation:step-start-implementation",
        gettext_lazy("Start implementing"),
        gettext_lazy("Note"),
    ),
    State.IMPLEMENTING: (
        "consultation:step-publish-feedback",
        gettext_lazy("Publish feedback"),
        gettext_lazy("Feedback"),
    ),
    State.FEEDBACK_PUBLISHED: (
        "consultation:step-close",
        gettext_lazy("Close the consultation"),
        gettext_lazy("Note"),
    ),
}


@cache_public_page
def consultation_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    community = community_or_404(slug)
    try:
        consultation = topic_selectors.consultation_page(community, pk)
    except Consultation.DoesNotExist:
        raise Http404 from None
    user = request.user
    may_manage = user.is_authenticated and user.has_perm(
        "consultation.manage_consultation", community
    )
    step = STEP_ACTIONS.get(consultation.state)
    return render_community(
        request,
        community,
        "consultation/detail.html",
        {
            "consultation": consultation,
            "steps": topic_selectors.chain_steps(consultation),
            "events": list(consultation.events.all()),
            "meetings": list(consultation.meetings.all()),
            "may_manage": may_manage,
            "may_decide": user.is_authenticated
            and user.has_perm("consultation.decide_topic", consultation),
            "may_schedule": may_manage
            and consultation.state in meeting_services.MEETING_STATES,
            "step": step,
            "step_label": step[1] if step else "",
            "step_text_label": step[2] if step else "",
            "chain": followup_selectors.chain(consultation),
            "discussion": discussion(request, consultation),
        },
        nav_key="consultations",
    )


def _decision(decide: Callable[..., Any], done: str) -> Callable:
    """The committee's decision on a proposed topic, with its public reason."""

    @require_POST
    @login_required
    def view(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        community = community_or_404(slug)
        consultation = consultation_or_404(community, pk)
        if refused := require_permission(
            request, "consultation.decide_topic", consultation
        ):
            return refused
        form = topic_forms.ReasonForm(request.POST)
        form.is_valid()
        try:
            decide(
                actor=request.user,
                consultation=consultation,
                reason=form.cleaned_data.get("reason", ""),
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, done)
        return redirect("consultation:detail", slug, pk)

    return view


topic_accept = _decision(topic_services.accept, gettext_lazy("The topic is accepted."))
topic_decline = _decision(
    topic_services.decline, gettext_lazy("The topic is declined.")
)


def _committee_step(step: Callable[[Any, Consultation, str], Any]) -> Callable:
    """One step of the committee along the chain, with the optional text of the
    step form; the consultation page shows the new state or why it was refused."""

    @require_POST
    @login_required
    @wraps(step)
    def view(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        community = community_or_404(slug)
        consultation = consultation_or_404(community, pk)
        if refused := require_permission(
            request, "consultation.manage_consultation", community
        ):
            return refused
        form = topic_forms.NoteForm(request.POST)
        form.is_valid()
        try:
            step(request.user, consultation, form.cleaned_data.get("text", ""))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("The consultation is now: %(state)s")
                % {"state": consultation.get_state_display()},
            )
        return redirect("consultation:detail", slug, pk)

    return view


@_committee_step
def step_set_participants(actor: Any, consultation: Consultation, text: str) -> None:
    topic_services.set_participants(actor=actor, consultation=consultation)


@_committee_step
def step_record_opinion(actor: Any, consultation: Consultation, text: str) -> None:
    deliberation_services.record_opinion(
        actor=actor, consultation=consultation, opinion=text
    )


@_committee_step
def step_start_implementation(
    actor: Any, consultation: Consultation, text: str
) -> None:
    topic_services.start_implementation(
        actor=actor, consultation=consultation, note=text
    )


@_committee_step
def step_publish_feedback(actor: Any, consultation: Consultation, text: str) -> None:
    topic_services.publish_feedback(
        actor=actor, consultation=consultation, feedback=text
    )


@_committee_step
def step_close(actor: Any, consultation: Consultation, text: str) -> None:
    topic_services.close(actor=actor, consultation=consultation, note=text)
