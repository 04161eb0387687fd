"""Input shapes of the volunteers pages; the rules live in services.py."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from communities.uploads import UploadField
from volunteers.models import (
    DAYS,
    PARTS_OF_DAY,
    Activity,
    Skill,
    Team,
)

CONSENT_FORM_MAX_BYTES = 10 * 1024 * 1024


def _availability_choices() -> list[tuple[str, str]]:
    return [
        (f"{day}-{part}", f"{day_label} {part_label}")
        for day, day_label in DAYS
        for part, part_label in PARTS_OF_DAY
    ]


class ProfileForm(forms.Form):
    date_of_birth = forms.DateField(
        label=_("Date of birth"), widget=forms.DateInput(attrs={"type": "date"})
    )
    emergency_contact_name = forms.CharField(
        label=_("Emergency contact name"), max_length=100
    )
    emergency_contact_phone = forms.RegexField(
        label=_("Emergency contact phone"),
        regex=r"^\+?[0-9 \-]{5,30}$",
        error_messages={"invalid": _("Enter a phone number (digits only).")},
    )
    skills = forms.ModelMultipleChoiceField(
        label=_("Skills"),
        queryset=Skill.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    other_skills = forms.CharField(
        label=_("Other skills"), max_length=300, required=False
    )
    service_areas = forms.CharField(
        label=_("Service areas"),
        max_length=300,
        required=False,
        help_text=_(
            "Where you can help, e.g. buildings, streets or the whole community."
        ),
    )
    availability = forms.MultipleChoiceField(
        label=_("When are you usually available?"),
        choices=_availability_choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    id_number = forms.RegexField(
        label=_("ID number"),
        regex=r"^[0-9]{17}[0-9Xx]$",
        required=False,
        help_text=_(
            "Optional. Stored encrypted, shown masked and used only on certificates. "
            "Leave empty to keep the one on file."
        ),
        error_messages={"invalid": _("Enter an 18-character resident ID number.")},
    )
    guardian_name = forms.CharField(
        label=_("Guardian's name"), max_length=100, required=False
    )
    guardian_phone = forms.RegexField(
        label=_("Guardian's phone"),
        regex=r"^\+?[0-9 \-]{5,30}$",
        required=False,
        error_messages={"invalid": _("Enter a phone number (digits only).")},
    )
    guardian_consent_date = forms.DateField(
        label=_("Date of consent"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    guardian_consent_form = UploadField(
        label=_("Signed consent form"),
        kinds={"pdf", "image"},
        max_bytes=CONSENT_FORM_MAX_BYTES,
        required=False,
    )

    GUARDIAN_FIELDS = (
        "guardian_name",
        "guardian_phone",
        "guardian_consent_date",
        "guardian_consent_form",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        given = [name for name in self.GUARDIAN_FIELDS if data.get(name)]
        if given and len(given) < len(self.GUARDIAN_FIELDS):
            for name in self.GUARDIAN_FIELDS:
                if not data.get(name) and name not in self.errors:
                    self.add_error(
                        name,
                        _(
                            "A guardian consent needs the guardian's name and phone, "
                            "the date and the signed form."
                        ),
                    )
        return data


class TeamForm(forms.Form):
    name = forms.CharField(label=_("Team name"), max_length=120)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea, required=False
    )
    coordinators = forms.CharField(
        label=_("Team coordinators"),
        required=False,
        help_text=_(
            "Optional. E-mail addresses of verified residents, separated by commas."
        ),
    )

    def __init__(self, *args: Any, community: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.community = community

    def clean_coordinators(self) -> list[Any]:
        from accounts.models import User
        from communities.models import Membership

        emails = {
            part.strip().lower()
            for part in self.cleaned_data["coordinators"].split(",")
            if part.strip()
        }
        people = list(
            User.objects.filter(
                email__in=emails,
                memberships__community=self.community,
                memberships__status=Membership.Status.VERIFIED,
            ).distinct()
        )
        unknown = emails - {person.email.lower() for person in people}
        if unknown:
            raise forms.ValidationError(
                _("Not a verified resident of this community: %(emails)s"),
                params={"emails": ", ".join(sorted(unknown))},
            )
        return people


class ActivityForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea, required=False
    )
    category = forms.ChoiceField(label=_("Category"), choices=Activity.Category.choices)
    place = forms.CharField(label=_("Place"), max_length=200)
    team = forms.ModelChoiceField(
        label=_("Team"), queryset=Team.objects.none(), required=False
    )
    required_skills = forms.ModelMultipleChoiceField(
        label=_("Required skills"),
        queryset=Skill.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    minimum_age = forms.IntegerField(
        label=_("Minimum age"),
        min_value=14,
        max_value=120,
        initial=14,
        error_messages={"min_value": _("The minimum age cannot be below 14.")},
    )

    def __init__(self, *args: Any, community: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = Team.objects.filter(community=community)


class ShiftForm(forms.Form):
    starts_at = forms.DateTimeField(
        label=_("Starts at"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    ends_at = forms.DateTimeField(
        label=_("Ends at"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    capacity = forms.IntegerField(label=_("Places"), min_value=1, max_value=10000)
    weeks = forms.IntegerField(
        label=_("Repeat weekly for how many weeks"),
        min_value=1,
        max_value=52,
        initial=1,
        help_text=_("1 adds a single shift."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("A shift must end after it starts."))
        return data
