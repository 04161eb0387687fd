"""The volunteer profile form: input shape only; the age rule is in the service."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from communities.forms import ModelMultipleIdField
from communities.uploads import UploadField
from volunteers.profiles.models import DAYS, PARTS_OF_DAY, Skill

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
    skills = ModelMultipleIdField(
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


class FirstSignUpForm(forms.Form):
    """What a first sign-up needs: age (for the activity's minimum and the guardian
    rule) and an emergency contact. Skills, areas and availability come later."""

    date_of_birth = ProfileForm.base_fields["date_of_birth"]
    emergency_contact_name = ProfileForm.base_fields["emergency_contact_name"]
    emergency_contact_phone = ProfileForm.base_fields["emergency_contact_phone"]
