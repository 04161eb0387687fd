"""Pages of matching: "for you", suggested volunteers and invitations."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from communities.cache import current_generation
from communities.views import render_community
from volunteers.matching import selectors, services
from volunteers.matching.selectors import Reason
from volunteers.shifts import selectors as shift_selectors
from volunteers.shifts.models import Shift
from volunteers.shifts.views import (
    NAV_KEY,
    flash_errors,
    guard,
    shift_page_or_404,
    signed_up_message,
)

FOR_YOU_SECONDS = 60


@login_required
def for_you(request: HttpRequest) -> HttpResponse:
    """Upcoming shifts ranked for the signed-in volunteer, with the reasons.

    The ranked list is cached per person for a minute, keyed by the page-cache
    generation (bumped by every change to activities, shifts and sign-ups) and the
    person's profile version (bumped when they save it), so it is never staler
    than a minute for anything else (time passing, a new membership).
    """
    user_id = request.user.pk
    version = selectors.profile_version(user_id)
    key = f"volunteers:for-you:{user_id}:{current_generation()}:{version}:{get_language()}"
    body = cache.get(key)
    if body is None:
        body = render_to_string(
            "volunteers/includes/for_you_body.html",
            {
                "result": selectors.suggestions_for(request.user),
                "profile_url": reverse("volunteers:profile"),
            },
            request=request,
        )
        cache.set(key, body, FOR_YOU_SECONDS)
    return render(request, "volunteers/for_you.html", {"body": mark_safe(body)})  # noqa: S308 (our own rendered template)


# ---------------------------------------------------------------------------
# Suggested volunteers and invitations (coordinators)
# ---------------------------------------------------------------------------
def shift_suggestions(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    shift = shift_page_or_404(slug, pk)
    community = shift.activity.community
    refused = guard(request, "volunteers.invite_volunteers", shift, community)
    if refused is not None:
        return refused
    shift = selectors.with_place_counts(
        Shift.objects.filter(pk=shift.pk)
    ).select_related("activity__community__street", "activity__team")[0]
    understaffed = selectors.is_understaffed(shift)
    context = {
        "shift": shift,
        "activity": shift.activity,
        "understaffed": understaffed,
        "suggestions": selectors.suggested_volunteers(shift) if understaffed else [],
        "invited": shift.invitations.select_related("volunteer").order_by(
            "created_at", "pk"
        ),
    }
    return render_community(
        request,
        shift.activity.community,
        "volunteers/shift_suggestions.html",
        context,
        nav_key=NAV_KEY,
    )


@require_POST
def shift_invite(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    shift = shift_page_or_404(slug, pk)
    community = shift.activity.community
    refused = guard(request, "volunteers.invite_volunteers", shift, community)
    if refused is not None:
        return refused
    raw = request.POST.get("volunteer", "")
    volunteer = (
        get_user_model().objects.filter(pk=int(raw)).first() if raw.isdigit() else None
    )
    if volunteer is None:
        messages.error(request, _("Choose a volunteer to invite."))
        return redirect("volunteers:shift-suggestions", slug, pk)
    try:
        services.invite(actor=request.user, shift=shift, volunteer=volunteer)
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(
            request, _("%(name)s has been invited.") % {"name": volunteer.public_name}
        )
    return redirect("volunteers:shift-suggestions", slug, pk)


def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """The link in an invitation: one button takes the place (or the waitlist)."""
    found = services.invitation_from_token(token)
    if found is None:
        raise Http404
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if found.volunteer_id != request.user.pk:
        raise Http404
    shift = found.shift
    activity = shift.activity
    if request.method == "POST":
        try:
            signup = services.accept_invitation(user=request.user, invitation=found)
        except ValidationError as error:
            flash_errors(request, error)
            return redirect("volunteers:invitation", token)
        signed_up_message(request, signup)
        return redirect("volunteers:activity", activity.community.slug, activity.pk)
    context = {
        "invitation": found,
        "shift": shift,
        "activity": activity,
        "signup": shift_selectors.live_signup(request.user, shift),
        "reasons": [
            Reason(kind, detail).for_volunteer() for kind, detail in found.reasons
        ],
    }
    return render(request, "volunteers/invitation.html", context)
