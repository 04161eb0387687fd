"""Pages of minutes, resolutions and follow-up items, and the community's list.

Public pages (minutes, resolution, item, list) are cached whole for anonymous
visitors and show them no form.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from communities.cache import cache_public_page
from communities.forms import add_validation_error, form_errors, posted_id
from communities.pagination import page_of
from communities.selectors import committee_members
from communities.views import community_or_404, render_community
from consultation.followup import forms as followup_forms
from consultation.followup import selectors as followup_selectors
from consultation.followup import services as followup_services
from consultation.followup.models import FollowUpItem, Milestone, Minutes, Resolution
from consultation.meetings.views import meeting_or_404
from consultation.topics.views import require_permission


# ---------------------------------------------------------------------------
# Minutes
# ---------------------------------------------------------------------------
@cache_public_page
def minutes_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    community = community_or_404(slug)
    meeting = meeting_or_404(community, pk)
    minutes = followup_selectors.minutes_page(meeting)
    if minutes is None:
        raise Http404
    if minutes.status != Minutes.Status.CONFIRMED and (
        refused := require_permission(request, "consultation.view_minutes", minutes)
    ):
        return refused
    user = request.user
    context: dict[str, Any] = {
        "meeting": meeting,
        "minutes": minutes,
        "confirmations": list(minutes.confirmations.all()),
        "needed": followup_selectors.confirmations_needed(minutes),
        "resolution": getattr(minutes, "resolution", None),
        "may_edit": user.is_authenticated
        and user.has_perm("consultation.edit_minutes", minutes),
        "may_confirm": user.is_authenticated
        and user.has_perm("consultation.confirm_minutes", minutes),
    }
    if context["may_edit"]:
        context["form"] = followup_forms.MinutesForm(instance=minutes)
    return render_community(
        request,
        community,
        "consultation/minutes.html",
        context,
        nav_key="consultations",
    )


def _minutes_action(handler: Callable[[HttpRequest, Minutes], None]) -> Callable:
    """One action on a meeting's minutes (the services check who may); a refused
    change shows its reasons as a message; back to the minutes page."""

    @require_POST
    @login_required
    @wraps(handler)
    def view(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        meeting = meeting_or_404(community_or_404(slug), pk)
        minutes = get_object_or_404(Minutes, meeting=meeting)
        try:
            handler(request, minutes)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("consultation:minutes", slug, pk)

    return view


@_minutes_action
def minutes_confirm(request: HttpRequest, minutes: Minutes) -> None:
    followup_services.confirm_minutes(user=request.user, minutes=minutes)
    minutes.refresh_from_db()
    if minutes.status == Minutes.Status.CONFIRMED:
        messages.success(
            request,
            _("Thank you. The minutes are confirmed and the resolution adopted."),
        )
    else:
        messages.success(request, _("Thank you for confirming the minutes."))


@_minutes_action
def minutes_save(request: HttpRequest, minutes: Minutes) -> None:
    form = followup_forms.MinutesForm(request.POST, instance=minutes)
    if not form.is_valid():
        raise form_errors(form)
    followup_services.edit_minutes(
        actor=request.user,
        minutes=minutes,
        record_text=form.cleaned_data["record"],
        decisions=form.cleaned_data["decisions"],
    )
    messages.success(request, _("The minutes are saved."))


@_minutes_action
def minutes_redraft(request: HttpRequest, minutes: Minutes) -> None:
    followup_services.redraft_minutes(actor=request.user, minutes=minutes)
    messages.success(request, _("The minutes are drafted again from the record."))


@_minutes_action
def minutes_circulate(request: HttpRequest, minutes: Minutes) -> None:
    followup_services.circulate_minutes(actor=request.user, minutes=minutes)
    messages.success(request, _("The participants are asked to confirm."))


# ---------------------------------------------------------------------------
# Resolutions
# ---------------------------------------------------------------------------
def _resolution(community: Any, pk: int) -> Resolution:
    return get_object_or_404(
        Resolution.objects.select_related(
            "community", "consultation", "minutes__meeting"
        ),
        community=community,
        pk=pk,
    )


def _item_form(community: Any, data=None) -> followup_forms.FollowUpItemForm:
    return followup_forms.FollowUpItemForm(
        data,
        committee=committee_members(community),
        due_days=community.policy.followup_due_days,
    )


@cache_public_page
def resolution_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    community = community_or_404(slug)
    resolution = _resolution(community, pk)
    user = request.user
    may_manage = user.is_authenticated and user.has_perm(
        "consultation.manage_followup", community
    )
    items = list(followup_selectors.items_of(community).filter(resolution=resolution))
    context = {
        "resolution": resolution,
        "items": items,
        "may_manage": may_manage,
    }
    if may_manage:
        context["form"] = _item_form(community)
    return render_community(
        request,
        community,
        "consultation/resolution.html",
        context,
        nav_key="consultations",
    )


@login_required
def followup_create(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    community = community_or_404(slug)
    resolution = _resolution(community, pk)
    if refused := require_permission(
        request, "consultation.manage_followup", community
    ):
        return refused
    form = _item_form(community, request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            item = followup_services.add_item(
                actor=request.user,
                resolution=resolution,
                title=data["title"],
                description=data["description"],
                owner_user=data["owner_user"],
                owner_unit=data["owner_unit"],
                due_on=data["due_on"],
                milestones=data["milestones"].splitlines(),
            )
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, _("The follow-up item is added."))
            return redirect("consultation:followup", slug, item.pk)
    return render_community(
        request,
        community,
        "consultation/form.html",
        {
            "form": form,
            "heading": _("Add a follow-up item"),
            "consultation": resolution.consultation,
        },
        status=400 if request.method == "POST" else 200,
        nav_key="consultations",
    )


# ---------------------------------------------------------------------------
# Follow-up items
# ---------------------------------------------------------------------------
@cache_public_page
def followup_list(request: HttpRequest, slug: str) -> HttpResponse:
    community = community_or_404(slug)
    status = request.GET.get("status") or ""
    if status not in ("open", "overdue", "closed"):
        status = ""
    return render_community(
        request,
        community,
        "consultation/followups.html",
        {
            "items": page_of(request, followup_selectors.items_of(community, status)),
            "status": status,
            "statuses": [
                ("", _("all")),
                ("open", _("open")),
                ("overdue", _("overdue")),
                ("closed", _("done")),
            ],
        },
        nav_key="consultations",
    )


@cache_public_page
def followup_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    community = community_or_404(slug)
    try:
        item = followup_selectors.item_page(community, pk)
    except FollowUpItem.DoesNotExist:
        raise Http404 from None
    user = request.user
    context: dict[str, Any] = {
        "item": item,
        "consultation": item.resolution.consultation,
        "milestones": list(item.milestones.all()),
        "updates": list(item.updates.all()),
        "ratings": list(item.ratings.all()),
    }
    if user.is_authenticated:
        may_progress = user.has_perm("consultation.post_progress", item)
        context.update(
            {
                "may_progress": may_progress,
                "may_close": user.has_perm("consultation.close_followup", item),
                "may_follow": user.has_perm("consultation.follow_item", item),
                "following": item.followers.filter(user=user).exists(),
                "may_rate": user.has_perm("consultation.rate_followup", item),
                "progress_form": followup_forms.ProgressForm()
                if may_progress
                else None,
                "close_form": followup_forms.CloseItemForm(),
                "rating_form": followup_forms.RatingForm(),
            }
        )
    return render_community(
        request,
        community,
        "consultation/followup.html",
        context,
        nav_key="consultations",
    )


def _item_action(handler: Callable[[HttpRequest, FollowUpItem], None]) -> Callable:
    """One action on a follow-up item (the services check who may); a refused
    change shows its reasons as a message; back to the item's page."""

    @require_POST
    @login_required
    @wraps(handler)
    def view(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        item = get_object_or_404(
            FollowUpItem.objects.select_related(
                "community", "resolution__consultation"
            ),
            community=community_or_404(slug),
            pk=pk,
        )
        try:
            handler(request, item)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("consultation:followup", slug, pk)

    return view


@_item_action
def followup_follow(request: HttpRequest, item: FollowUpItem) -> None:
    followup_services.follow(user=request.user, item=item)
    messages.success(request, _("You will be told of each update."))


@_item_action
def followup_unfollow(request: HttpRequest, item: FollowUpItem) -> None:
    followup_services.unfollow(user=request.user, item=item)
    messages.success(request, _("You no longer follow this item."))


@_item_action
def followup_update(request: HttpRequest, item: FollowUpItem) -> None:
    form = followup_forms.ProgressForm(request.POST, request.FILES)
    if not form.is_valid():
        raise form_errors(form)
    followup_services.post_update(
        actor=request.user,
        item=item,
        text=form.cleaned_data["text"],
        photos=form.cleaned_data["photos"],
    )
    messages.success(request, _("The update is posted; followers are told."))


@_item_action
def followup_milestone(request: HttpRequest, item: FollowUpItem) -> None:
    milestone = get_object_or_404(
        Milestone, item=item, pk=posted_id(request.POST, "milestone")
    )
    followup_services.reach_milestone(actor=request.user, milestone=milestone)
    messages.success(request, _("The milestone is reached."))


@_item_action
def followup_close(request: HttpRequest, item: FollowUpItem) -> None:
    form = followup_forms.CloseItemForm(request.POST)
    form.is_valid()
    followup_services.close_item(
        actor=request.user,
        item=item,
        final_report=form.cleaned_data.get("final_report", ""),
    )
    messages.success(request, _("The item is closed with its final report."))


@_item_action
def followup_rate(request: HttpRequest, item: FollowUpItem) -> None:
    form = followup_forms.RatingForm(request.POST)
    if not form.is_valid():
        raise ValidationError(_("Choose a rating from 1 to 5."))
    followup_services.rate(
        user=request.user,
        item=item,
        score=form.cleaned_data["score"],
        comment=form.cleaned_data["comment"],
    )
    messages.success(request, _("Thank you for your rating."))
