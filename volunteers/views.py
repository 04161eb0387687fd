"""Volunteering pages: the profile, a community's activities, sign-up, coordinators' forms."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from communities import navigation
from communities.cache import cache_public_page
from communities.models import Community
from communities.views import CommunityView, refusal
from volunteers import services
from volunteers.forms import ActivityForm, ProfileForm, ShiftForm, TeamForm
from volunteers.models import Activity, Shift, SignUp, VolunteerProfile


def _add_errors(form: Form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def _community(slug: str) -> Community:
    return get_object_or_404(Community.objects.select_related("street"), slug=slug)


def _page(
    request: HttpRequest, community: Community, template: str, context: dict[str, Any]
) -> HttpResponse:
    return render(
        request,
        template,
        {
            "community": community,
            "community_nav": navigation.items_for(
                request=request, community=community, current="volunteering"
            ),
            **context,
        },
    )


# ---------------------------------------------------------------------------
# Profile
# ---------------------------------------------------------------------------
@login_required
def profile(request: HttpRequest) -> HttpResponse:
    """The signed-in person's own volunteer profile."""
    current = (
        VolunteerProfile.objects.filter(user=request.user)
        .prefetch_related("skills")
        .first()
    )
    if request.method == "POST":
        form = ProfileForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            try:
                saved = services.save_profile(
                    user=request.user,
                    date_of_birth=data["date_of_birth"],
                    emergency_contact_name=data["emergency_contact_name"],
                    emergency_contact_phone=data["emergency_contact_phone"],
                    skills=list(data["skills"]),
                    other_skills=data["other_skills"],
                    service_areas=data["service_areas"],
                    availability=data["availability"],
                    id_number=data["id_number"] or None,
                    guardian_name=data["guardian_name"],
                    guardian_phone=data["guardian_phone"],
                    guardian_consent_date=data["guardian_consent_date"],
                    guardian_consent_form=data["guardian_consent_form"] or None,
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                if saved.is_active:
                    messages.success(request, _("Your volunteer profile is saved."))
                else:
                    messages.warning(
                        request,
                        _(
                            "Your volunteer profile is saved but not active yet: "
                            "volunteers under 18 need a recorded guardian consent."
                        ),
                    )
                return redirect("volunteers:profile")
    elif current is not None:
        form = ProfileForm(
            initial={
                "date_of_birth": current.date_of_birth,
                "emergency_contact_name": current.emergency_contact_name,
                "emergency_contact_phone": current.emergency_contact_phone,
                "skills": list(current.skills.all()),
                "other_skills": current.other_skills,
                "service_areas": current.service_areas,
                "availability": current.availability,
                "guardian_name": current.guardian_name,
                "guardian_phone": current.guardian_phone,
                "guardian_consent_date": current.guardian_consent_date,
            }
        )
    else:
        form = ProfileForm()
    return render(
        request, "volunteers/profile.html", {"form": form, "profile": current}
    )


# ---------------------------------------------------------------------------
# Activities
# ---------------------------------------------------------------------------
@cache_public_page
def activity_list(request: HttpRequest, slug: str) -> HttpResponse:
    """The community's published activities with their upcoming shifts."""
    community = _community(slug)
    shifts = Shift.objects.upcoming().with_counts()
    activities = (
        Activity.objects.published()
        .filter(community=community)
        .select_related("team")
        .prefetch_related(Prefetch("shifts", queryset=shifts, to_attr="upcoming"))
    )
    may_manage = request.user.has_perm("volunteers.manage_activity", community)
    drafts = (
        Activity.objects.filter(community=community, status=Activity.Status.DRAFT)
        if may_manage
        else Activity.objects.none()
    )
    return _page(
        request,
        community,
        "volunteers/activity_list.html",
        {"activities": activities, "drafts": drafts, "may_manage": may_manage},
    )


@cache_public_page
def activity_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """One activity: its shifts, places left, and sign-up or cancel buttons."""
    community = _community(slug)
    activity = get_object_or_404(
        Activity.objects.select_related("team", "community").prefetch_related(
            "required_skills"
        ),
        community=community,
        pk=pk,
    )
    if not request.user.has_perm("volunteers.view_activity", activity):
        raise Http404
    shifts = list(activity.shifts.with_counts())
    mine: dict[int, SignUp] = {}
    if request.user.is_authenticated:
        mine = {
            s.shift_id: s
            for s in SignUp.objects.filter(
                volunteer=request.user, shift__activity=activity
            ).exclude(status=SignUp.Status.CANCELLED)
        }
    rows = [{"shift": shift, "signup": mine.get(shift.pk)} for shift in shifts]
    return _page(
        request,
        community,
        "volunteers/activity_detail.html",
        {
            "activity": activity,
            "rows": rows,
            "may_claim": request.user.has_perm("volunteers.claim_shift", activity),
            "may_manage": request.user.has_perm("volunteers.manage_activity", activity),
            "profile_url": reverse("volunteers:profile"),
        },
    )


@require_POST
def shift_sign_up(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    shift = get_object_or_404(
        Shift.objects.select_related("activity__community"),
        pk=pk,
        activity__community__slug=slug,
    )
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not request.user.has_perm("volunteers.view_activity", shift.activity):
        raise Http404
    try:
        signup = services.sign_up(volunteer=request.user, shift=shift)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        if signup.status == SignUp.Status.CONFIRMED:
            messages.success(request, _("You have a place on this shift."))
        else:
            messages.info(
                request,
                _(
                    "The shift is full: you are on the waitlist and will be told if a place frees."
                ),
            )
    return redirect("volunteers:activity", slug, shift.activity_id)


@require_POST
def shift_cancel(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    shift = get_object_or_404(
        Shift.objects.select_related("activity__community"),
        pk=pk,
        activity__community__slug=slug,
    )
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    signup = (
        SignUp.objects.filter(shift=shift, volunteer=request.user)
        .exclude(status=SignUp.Status.CANCELLED)
        .first()
    )
    if signup is None:
        messages.error(request, _("You are not signed up for this shift."))
    else:
        try:
            services.cancel_sign_up(volunteer=request.user, signup=signup)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Your sign-up is cancelled."))
    return redirect("volunteers:activity", slug, shift.activity_id)


# ---------------------------------------------------------------------------
# Coordinators' forms
# ---------------------------------------------------------------------------
class ManageView(CommunityView):
    permission_required = "volunteers.manage_activity"
    nav_key = "volunteering"


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
                _add_errors(form, error)
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
                )
            except ValidationError as error:
                _add_errors(form, error)
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
        self.community = _community(kwargs["slug"])
        self.activity = get_object_or_404(
            Activity.objects.select_related("community", "team"),
            community=self.community,
            pk=kwargs["pk"],
        )
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not request.user.has_perm(self.permission_required, self.activity):
            return refusal(request, self.permission_required, self.community)
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
                _add_errors(form, error)
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
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The activity is published."))
        return redirect("volunteers:activity", slug, pk)
