"""Pages of matching and calendars: "for you", suggestions and invitations, iCal feeds."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from communities import navigation
from communities.cache import current_generation
from communities.views import refusal
from notifications.calendar.views import ics_response
from volunteers import calendar, matching
from volunteers.models import Shift, SignUp


def _shift(slug: str, pk: int) -> Shift:
    return get_object_or_404(
        Shift.objects.select_related("activity__community__street", "activity__team"),
        pk=pk,
        activity__community__slug=slug,
    )


# ---------------------------------------------------------------------------
# "For you"
# ---------------------------------------------------------------------------
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
    version = matching.profile_version(user_id)
    key = f"volunteers:for-you:{user_id}:{current_generation()}:{version}:{get_language()}"
    body = cache.get(key)
    if body is None:
        body = render_to_string(
            "volunteers/includes/for_you_body.html",
            {
                "result": matching.suggestions_for(request.user),
                "profile_url": reverse("volunteers:profile"),
            },
            request=request,
        )
        cache.set(key, body, FOR_YOU_SECONDS)
    return render(request, "volunteers/for_you.html", {"body": mark_safe(body)})  # noqa: S308 (our own rendered template)


# ---------------------------------------------------------------------------
# Suggested volunteers and invitations (coordinators)
# ---------------------------------------------------------------------------
def _coordinator_shift(request: HttpRequest, slug: str, pk: int):
    shift = _shift(slug, pk)
    if not request.user.is_authenticated:
        return shift, redirect_to_login(request.get_full_path())
    if not request.user.has_perm("volunteers.invite_volunteers", shift):
        return shift, refusal(
            request, "volunteers.invite_volunteers", shift.activity.community
        )
    return shift, None


def shift_suggestions(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    shift, refused = _coordinator_shift(request, slug, pk)
    if refused is not None:
        return refused
    shift = matching._with_counts(Shift.objects.filter(pk=shift.pk)).select_related(
        "activity__community__street", "activity__team"
    )[0]
    understaffed = matching.is_understaffed(shift)
    suggestions = matching.suggested_volunteers(shift) if understaffed else []
    community = shift.activity.community
    return render(
        request,
        "volunteers/shift_suggestions.html",
        {
            "community": community,
            "community_nav": navigation.items_for(
                request=request, community=community, current="volunteering"
            ),
            "shift": shift,
            "activity": shift.activity,
            "understaffed": understaffed,
            "suggestions": suggestions,
            "invited": shift.invitations.select_related("volunteer").order_by(
                "created_at", "pk"
            ),
        },
    )


@require_POST
def shift_invite(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    shift, refused = _coordinator_shift(request, slug, pk)
    if refused is not None:
        return refused
    raw = request.POST.get("volunteer", "")
    volunteer = (
        get_user_model().objects.filter(pk=int(raw)).first() if raw.isdigit() else None
    )
    if volunteer is None:
        messages.error(request, _("Choose a volunteer to invite."))
    else:
        try:
            matching.invite(actor=request.user, shift=shift, volunteer=volunteer)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(
                request,
                _("%(name)s has been invited.") % {"name": volunteer.public_name},
            )
    return redirect("volunteers:shift-suggestions", slug, pk)


def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """The link in an invitation: one button takes the place (or the waitlist)."""
    found = matching.invitation_from_token(token)
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
            signup = matching.accept_invitation(user=request.user, invitation=found)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect("volunteers:invitation", token)
        if signup.status == SignUp.Status.CONFIRMED:
            messages.success(request, _("You have a place on this shift."))
        else:
            messages.info(
                request,
                _(
                    "The shift is full: you are on the waitlist and will be told if a place frees."
                ),
            )
        return redirect("volunteers:activity", activity.community.slug, activity.pk)
    current = (
        SignUp.objects.filter(shift=shift, volunteer=request.user)
        .exclude(status=SignUp.Status.CANCELLED)
        .first()
    )
    return render(
        request,
        "volunteers/invitation.html",
        {
            "invitation": found,
            "shift": shift,
            "activity": activity,
            "signup": current,
            "reasons": [
                matching.Reason(kind, detail).for_volunteer()
                for kind, detail in found.reasons
            ],
        },
    )


# ---------------------------------------------------------------------------
# Calendars
# ---------------------------------------------------------------------------
def _ics(body: str, filename: str, *, attachment: bool) -> HttpResponse:
    return ics_response(body, filename, attachment=attachment)


def shift_ics(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """One shift as an .ics file, for anyone who may see its activity."""
    shift = _shift(slug, pk)
    if not request.user.has_perm("volunteers.view_activity", shift.activity):
        raise Http404
    body = calendar.to_ical(
        [calendar.shift_event(shift)],
        name=shift.activity.title,
        absolute=request.build_absolute_uri,
    )
    return _ics(body, f"shift-{shift.pk}.ics", attachment=True)
