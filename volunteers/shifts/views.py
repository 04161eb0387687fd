"""Volunteering pages: a community's activities, sign-up and cancellation, the
coordinators' forms, check-in (roster, QR code) and a shift's calendar file."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from communities.cache import cache_public_page
from communities.forms import add_validation_error
from communities.models import Community
from communities.pagination import page_of
from communities.rules import is_verified_resident
from communities.views import (
    CommunityView,
    community_or_404,
    refusal,
    render_community,
)
from notifications.calendar import to_ical
from notifications.calendar.views import ics_response
from volunteers.profiles.forms import FirstSignUpForm
from volunteers.profiles.rules import has_volunteer_profile
from volunteers.shifts import actions, calendar, selectors, services
from volunteers.shifts.forms import ActivityForm, ShiftForm, TeamForm
from volunteers.shifts.models import Activity, Attendance, Shift, SignUp
from volunteers.shifts.qr import qr_data_uri

NAV_KEY = "volunteering"


def shift_or_404(slug: str, pk: int) -> Shift:
    return get_object_or_404(
        Shift.objects.select_related("activity__community", "activity__team"),
        pk=pk,
        activity__community__slug=slug,
    )


def shift_page_or_404(slug: str, pk: int) -> Shift:
    """The shift of a page shown inside the community's space (with its street)."""
    return get_object_or_404(
        Shift.objects.select_related("activity__community__street", "activity__team"),
        pk=pk,
        activity__community__slug=slug,
    )


def guard(request: HttpRequest, perm: str, obj: Any, community: Community):
    """None when allowed; otherwise the sign-in redirect or the refusal."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not request.user.has_perm(perm, obj):
        return refusal(request, perm, community)
    return None


def flash_errors(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def signed_up_message(request: HttpRequest, signup: SignUp) -> None:
    """Tell the person whether they have a place or are on the waitlist."""
    if signup.status == SignUp.Status.CONFIRMED:
        messages.success(request, _("You have a place on this shift."))
        return
    messages.info(
        request,
        _(
            "The shift is full: you are on the waitlist and will be told if a place frees."
        ),
    )


# ---------------------------------------------------------------------------
# Activities
# ---------------------------------------------------------------------------
@cache_public_page
def activity_list(request: HttpRequest, slug: str) -> HttpResponse:
    """The community's published activities with their upcoming shifts."""
    community = community_or_404(slug)
    may_manage = request.user.has_perm("volunteers.manage_activity", community)
    drafts = (
        selectors.draft_activities(community) if may_manage else Activity.objects.none()
    )
    return render_community(
        request,
        community,
        "volunteers/activity_list.html",
        {
            "activities": page_of(request, selectors.published_activities(community)),
            "shifts_shown": selectors.SHIFTS_PER_ACTIVITY,
            "drafts": page_of(request, drafts, param="drafts"),
            "may_manage": may_manage,
        },
        nav_key=NAV_KEY,
    )


@cache_public_page
def activity_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """One activity: its shifts, places left, and sign-up or cancel buttons."""
    community = community_or_404(slug)
    activity = get_object_or_404(
        Activity.objects.select_related("team", "community").prefetch_related(
            "required_skills"
        ),
        community=community,
        pk=pk,
    )
    if not request.user.has_perm("volunteers.view_activity", activity):
        raise Http404
    rows = page_of(request, activity.shifts.with_counts().order_by("starts_at", "pk"))
    mine = selectors.live_signups_on(request.user, activity)
    rows.object_list = [
        {
            "shift": shift,
            "signup": mine.get(shift.pk),
            "actions": actions.for_shift(request.user, shift, mine.get(shift.pk)),
        }
        for shift in rows.object_list
    ]
    context = {
        "activity": activity,
        "rows": rows,
        "may_claim": request.user.has_perm("volunteers.claim_shift", activity),
        "may_start": request.user.has_perm("volunteers.first_sign_up", activity),
        "is_resident": is_verified_resident(request.user, community),
        "may_manage": request.user.has_perm("volunteers.manage_activity", activity),
        "profile_url": reverse("volunteers:profile"),
    }
    return render_community(
        request,
        community,
        "volunteers/activity_detail.html",
        context,
        nav_key=NAV_KEY,
    )


# ---------------------------------------------------------------------------
# Sign-up and cancellation
# ---------------------------------------------------------------------------
@require_POST
def shift_sign_up(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    shift = shift_or_404(slug, pk)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not request.user.has_perm("volunteers.view_activity", shift.activity):
        raise Http404
    try:
        signup = services.sign_up(volunteer=request.user, shift=shift)
    except ValidationError as error:
        flash_errors(request, error)
    else:
        signed_up_message(request, signup)
    return redirect(selectors.shift_url(slug, shift))


@require_http_methods(["GET", "POST"])
def shift_cancel(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Cancel one's own sign-up: the link leads to a confirmation page (GET) whose
    form cancels (POST), so that a slip of the finger on a phone cancels nothing."""
    shift = shift_or_404(slug, pk)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    signup = selectors.live_signup(request.user, shift)
    if signup is None:
        messages.error(request, _("You are not signed up for this shift."))
        return redirect("volunteers:activity", slug, shift.activity_id)
    if request.method == "GET":
        return render_community(
            request,
            shift.activity.community,
            "volunteers/shift_cancel.html",
            {"shift": shift, "activity": shift.activity, "signup": signup},
            nav_key=NAV_KEY,
        )
    try:
        services.cancel_sign_up(volunteer=request.user, signup=signup)
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, _("Your sign-up is cancelled."))
    return redirect(selectors.shift_url(slug, shift))


class FirstSignUpView(CommunityView):
    """A first-time volunteer's sign-up: the short profile form, then the place,
    then back to the shift. Someone who already has a profile signs up directly."""

    nav_key = NAV_KEY
    template = "volunteers/first_sign_up.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.shift = shift_or_404(kwargs["slug"], kwargs["pk"])
        if has_volunteer_profile(request.user):
            return redirect(selectors.shift_url(kwargs["slug"], self.shift))
        refused = guard(
            request,
            "volunteers.first_sign_up",
            self.shift.activity,
            self.shift.activity.community,
        )
        return refused or super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        return self.render(
            self.template, {"form": FirstSignUpForm(), "shift": self.shift}
        )

    def post(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        form = FirstSignUpForm(request.POST)
        if form.is_valid():
            try:
                signup = services.first_sign_up(
                    volunteer=request.user, shift=self.shift, **form.cleaned_data
                )
            except ValidationError as error:
                add_validation_error(form, error)
            else:
                signed_up_message(request, signup)
                return redirect(selectors.shift_url(slug, self.shift))
        context = {"form": form, "shift": self.shift}
        return self.render(self.template, context, status=400)


# ---------------------------------------------------------------------------
# Coordinators' forms
# ---------------------------------------------------------------------------
class ManageView(CommunityView):
    permission_required = "volunteers.manage_activity"
    nav_key = NAV_KEY


class TeamCreateView(ManageView):
    template = "volunteers/team_form.html"

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        return self.render(self.template, {"form": TeamForm(community=self.community)})

    def post(self, request: HttpRequest, slug: str) -> HttpResponse:
        form = TeamForm(request.POST, community=self.community)
        if form.is_valid():
            try:
                services.create_team(
                    actor=request.user,
                    community=self.community,
                    name=form.cleaned_data["name"],
                    description=form.cleaned_data["description"],
                    coordinators=form.cleaned_data["coordinators"],
                )
            except ValidationError as error:
                add_validation_error(form, error)
            else:
                messages.success(request, _("The team has been added."))
                return redirect("volunteers:activity-list", slug)
        return self.render(self.template, {"form": form}, status=400)


class ActivityCreateView(ManageView):
    template = "volunteers/activity_form.html"

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        return self.render(
            self.template, {"form": ActivityForm(community=self.community)}
        )

    def post(self, request: HttpRequest, slug: str) -> HttpResponse:
        form = ActivityForm(request.POST, community=self.community)
        if form.is_valid():
            data = form.cleaned_data
            try:
                activity = services.create_activity(
                    actor=request.user,
                    community=self.community,
                    title=data["title"],
                    description=data["description"],
                    category=data["category"],
                    place=data["place"],
                    team=data["team"],
                    required_skills=list(data["required_skills"]),
                    minimum_age=data["minimum_age"],
                    home_visits=data["home_visits"],
                    paired_region=data["paired_region"],
                )
            except ValidationError as error:
                add_validation_error(form, error)
            else:
                messages.success(
                    request,
                    _("The activity is saved as a draft. Add shifts, then publish it."),
                )
                return redirect("volunteers:activity", slug, activity.pk)
        return self.render(self.template, {"form": form}, status=400)


class ActivityObjectView(ManageView):
    """A coordinator's view on one activity; the permission is asked of the activity."""

    activity: Activity

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.community = community_or_404(kwargs["slug"])
        self.activity = get_object_or_404(
            Activity.objects.select_related("community", "team"),
            community=self.community,
            pk=kwargs["pk"],
        )
        refused = guard(
            request, self.permission_required, self.activity, self.community
        )
        if refused is not None:
            return refused
        return super(CommunityView, self).dispatch(request, *args, **kwargs)


class ShiftCreateView(ActivityObjectView):
    template = "volunteers/shift_form.html"

    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        return self.render(
            self.template, {"form": ShiftForm(), "activity": self.activity}
        )

    def post(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        form = ShiftForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                created = services.add_weekly_shifts(
                    actor=request.user,
                    activity=self.activity,
                    starts_at=data["starts_at"],
                    ends_at=data["ends_at"],
                    capacity=data["capacity"],
                    weeks=data["weeks"],
                )
            except ValidationError as error:
                add_validation_error(form, error)
            else:
                messages.success(
                    request,
                    _("%(count)s shift(s) added.") % {"count": len(created)},
                )
                return redirect("volunteers:activity", slug, pk)
        return self.render(
            self.template, {"form": form, "activity": self.activity}, status=400
        )


class ActivityPublishView(ActivityObjectView):
    def post(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        try:
            services.publish_activity(actor=request.user, activity=self.activity)
        except ValidationError as error:
            flash_errors(request, error)
        else:
            messages.success(request, _("The activity is published."))
        return redirect("volunteers:activity", slug, pk)


# ---------------------------------------------------------------------------
# Check-in: the coordinator's roster button, the QR code and where it leads
# ---------------------------------------------------------------------------
def roster_signup(
    request: HttpRequest, slug: str, pk: int, signup_pk: int
) -> tuple[SignUp | None, HttpResponse | None]:
    """A place on the roster of a shift the person runs, or the refusal."""
    shift = shift_or_404(slug, pk)
    refused = guard(request, "volunteers.run_shift", shift, shift.activity.community)
    if refused is not None:
        return None, refused
    signup = get_object_or_404(
        SignUp.objects.select_related("volunteer"), shift=shift, pk=signup_pk
    )
    return signup, None


@require_POST
def roster_check_in(
    request: HttpRequest, slug: str, pk: int, signup_pk: int
) -> HttpResponse:
    signup, refused = roster_signup(request, slug, pk, signup_pk)
    if refused is not None:
        return refused
    try:
        services.check_in(actor=request.user, signup=signup, via=Attendance.Via.ROSTER)
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(
            request,
            _("%(name)s is checked in.") % {"name": signup.volunteer.public_name},
        )
    return redirect("volunteers:shift-roster", slug, pk)


def check_in_code(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """A fresh QR code every minute (static/js/check-in-code.js swaps it in; codes
    last 3 minutes)."""
    shift = shift_or_404(slug, pk)
    community = shift.activity.community
    refused = guard(request, "volunteers.run_shift", shift, community)
    if refused is not None:
        return refused
    url = request.build_absolute_uri(
        reverse("volunteers:qr-check-in", args=[services.check_in_token(shift)])
    )
    response = render_community(
        request,
        community,
        "volunteers/records/check_in_code.html",
        {
            "shift": shift,
            "activity": shift.activity,
            "url": url,
            "qr": qr_data_uri(url),
        },
        nav_key=NAV_KEY,
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
def qr_check_in(request: HttpRequest, token: str) -> HttpResponse:
    """Where the QR code leads: the signed-in volunteer confirms their arrival."""
    template = "volunteers/records/qr_check_in.html"
    try:
        shift = services.shift_from_token(token)
    except ValidationError as error:
        return render(request, template, {"error": error.messages[0]}, status=400)
    if request.method != "POST":
        return render(request, template, {"shift": shift, "activity": shift.activity})
    try:
        services.check_in_with_token(volunteer=request.user, token=token)
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, _("You are checked in. Thank you for coming!"))
    return redirect("volunteers:my-attendance", shift.activity.community.slug, shift.pk)


# ---------------------------------------------------------------------------
# Calendar
# ---------------------------------------------------------------------------
def shift_ics(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """One shift as an .ics file, for anyone who may see its activity."""
    shift = shift_page_or_404(slug, pk)
    if not request.user.has_perm("volunteers.view_activity", shift.activity):
        raise Http404
    body = to_ical(
        [calendar.shift_event(shift)],
        name=shift.activity.title,
        absolute=request.build_absolute_uri,
    )
    return ics_response(body, f"shift-{shift.pk}.ics", attachment=True)
