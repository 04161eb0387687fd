"""Motion pages: the motion, voting, one view per committee action."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from communities.cache import cache_public_page
from communities.forms import form_errors, parse_id, parse_ids
from communities.models import Community
from communities.views import community_or_404, render_community
from consultation.votes import forms as vote_forms
from consultation.votes import rules as vote_rules
from consultation.votes import selectors as vote_selectors
from consultation.votes import services as vote_services
from consultation.votes.models import Motion
from governance.charters.services.consultation import charter_vote_summary


def motion_or_404(community: Community, pk: int) -> Motion:
    return get_object_or_404(
        Motion.objects.select_related(
            "community", "agenda_item__meeting__consultation"
        ),
        community=community,
        pk=pk,
    )


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
    community = community_or_404(slug)
    motion = motion_or_404(community, pk)
    user = request.user
    may_manage = user.is_authenticated and user.has_perm(
        "consultation.manage_consultation", community
    )
    electors = vote_selectors.electors_for(user=user, motion=motion)
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
        "result": vote_selectors.result_for_display(motion),
        "may_manage": may_manage,
    }
    if motion.charter_version_id is not None:
        context["charter"] = charter_vote_summary(motion.charter_version_id)
        context["charter_outcome"] = (motion.result or {}).get("charter")
    if may_manage and motion.is_open:
        context["paper_form"] = vote_forms.PaperTallyForm(motion=motion)
        context["proxy_form"] = vote_forms.ProxyForm(motion=motion)
        if motion.charter_version_id is not None:
            context["close_form"] = vote_forms.CloseVoteForm()
    return render_community(
        request, community, "consultation/motion.html", context, nav_key="consultations"
    )


_closed_motion_detail = cache_public_page(_motion_detail)


@require_POST
@login_required
def motion_vote(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    # One query for the motion and its agenda item (the check-in look-up and the
    # live push need its meeting); a ballot needs nothing else of the community.
    motion = get_object_or_404(
        Motion.objects.select_related("agenda_item"), community__slug=slug, pk=pk
    )
    allowed = vote_selectors.electors_for(
        user=request.user, motion=motion, households=False
    )
    if not vote_rules.may_vote_with(request.user, motion, allowed):
        messages.error(request, _("You cannot vote on this motion."))
        return redirect("consultation:motion", slug, pk)
    electors = {e.pk: e for e in allowed}
    raw_elector = request.POST.get("elector")
    elector = electors.get(parse_id(raw_elector))
    option_ids = parse_ids(request.POST.getlist("option"))
    try:
        if raw_elector and elector is None:
            raise ValidationError(_("You may not vote for this elector."))
        if option_ids is None:
            raise ValidationError(_("Choose among the motion's options."))
        vote_services.cast_ballot(
            user=request.user,
            motion=motion,
            option_ids=option_ids,
            elector=elector,
            allowed=allowed,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your ballot is cast."))
    return redirect("consultation:motion", slug, pk)


def _committee_action(handler: Callable[[HttpRequest, Motion], None]) -> Callable:
    """One committee action on a motion: POST by a signed-in committee member.

    A refused change shows its reasons as a message; back to the motion page."""

    @require_POST
    @login_required
    @wraps(handler)
    def view(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        community = community_or_404(slug)
        motion = motion_or_404(community, pk)
        if not request.user.has_perm("consultation.manage_consultation", community):
            raise PermissionDenied
        try:
            handler(request, motion)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("consultation:motion", slug, pk)

    return view


@_committee_action
def motion_open(request: HttpRequest, motion: Motion) -> None:
    vote_services.open_vote(actor=request.user, motion=motion)
    messages.success(request, _("The vote is open."))


@_committee_action
def motion_close(request: HttpRequest, motion: Motion) -> None:
    women = None
    if motion.charter_version_id is not None:
        form = vote_forms.CloseVoteForm(request.POST)
        if not form.is_valid():
            raise form_errors(form)
        women = form.cleaned_data["women"]
    vote_services.close_vote(actor=request.user, motion=motion, women=women)
    messages.success(request, _("The vote is closed."))
    charter = (motion.result or {}).get("charter")
    if charter and not charter.get("recorded"):
        messages.warning(
            request,
            _("The charter's vote record was refused: %(reason)s")
            % {"reason": charter.get("error", "")},
        )


@_committee_action
def motion_paper_tally(request: HttpRequest, motion: Motion) -> None:
    form = vote_forms.PaperTallyForm(request.POST, motion=motion)
    if not form.is_valid():
        raise ValidationError(_("Enter whole numbers of 0 or more."))
    vote_services.enter_paper_tally(
        actor=request.user,
        motion=motion,
        ballots=form.cleaned_data["ballots"],
        counts=form.counts(),
    )
    messages.success(request, _("The paper count is entered."))


@_committee_action
def motion_proxy(request: HttpRequest, motion: Motion) -> None:
    form = vote_forms.ProxyForm(request.POST, motion=motion)
    if not form.is_valid():
        raise form_errors(form)
    email = form.cleaned_data["holder_email"]
    holder = get_user_model().objects.filter(email__iexact=email).first()
    if holder is None:
        raise ValidationError(_("Nobody has an account with that e-mail."))
    vote_services.record_proxy(
        actor=request.user,
        elector=form.cleaned_data["elector"],
        holder=holder,
        note=form.cleaned_data["note"],
    )
    messages.success(request, _("The proxy is recorded."))
