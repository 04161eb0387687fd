"""The signed-in person's own volunteer profile."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from communities.forms import add_validation_error
from volunteers.profiles import selectors, services
from volunteers.profiles.forms import ProfileForm
from volunteers.profiles.models import VolunteerProfile

INITIAL_FIELDS = (
    "date_of_birth",
    "emergency_contact_name",
    "emergency_contact_phone",
    "other_skills",
    "service_areas",
    "availability",
    "guardian_name",
    "guardian_phone",
    "guardian_consent_date",
)


def _initial(current: VolunteerProfile | None) -> dict | None:
    if current is None:
        return None
    initial = {name: getattr(current, name) for name in INITIAL_FIELDS}
    initial["skills"] = list(current.skills.all())
    return initial


def _save(request: HttpRequest, form: ProfileForm) -> VolunteerProfile:
    data = form.cleaned_data
    return services.save_profile(
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


def _saved_message(request: HttpRequest, saved: VolunteerProfile) -> None:
    if saved.is_active:
        messages.success(request, _("Your volunteer profile is saved."))
        return
    messages.warning(
        request,
        _(
            "Your volunteer profile is saved but not active yet: "
            "volunteers under 18 need a recorded guardian consent."
        ),
    )


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    """The signed-in person's own volunteer profile."""
    current = selectors.profile_with_skills(request.user)
    if request.method != "POST":
        form = ProfileForm(initial=_initial(current))
    else:
        form = ProfileForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                saved = _save(request, form)
            except ValidationError as error:
                add_validation_error(form, error)
            else:
                _saved_message(request, saved)
                return redirect("volunteers:profile")
    return render(
        request, "volunteers/profile.html", {"form": form, "profile": current}
    )
