"""Input shapes of the coordinators' forms; the rules live in the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from communities.forms import ModelMultipleIdField
from communities.selectors import verified_residents
from volunteers.profiles.models import Skill
from volunteers.shifts.models import Activity, Team


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
        emails = {
            part.strip().lower()
            for part in self.cleaned_data["coordinators"].split(",")
            if part.strip()
        }
        people = list(verified_residents(self.community).filter(email__in=emails))
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
    required_skills = ModelMultipleIdField(
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
    home_visits = forms.BooleanField(
        label=_("volunteers visit households (探访)"), required=False
    )
    paired_region = forms.CharField(
        label=_("Paired-assistance region"),
        max_length=200,
        required=False,
        help_text=_(
            "For paired assistance: the paired region's full name as on its page "
            "(e.g. 甘肃省武山县), if any."
        ),
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
