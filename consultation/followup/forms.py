"""Forms of minutes and follow-up items."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from consultation.followup.models import Minutes


class MinutesForm(forms.ModelForm):
    class Meta:
        model = Minutes
        fields = ["record", "decisions"]
        widgets = {
            "record": forms.Textarea(attrs={"rows": 12}),
            "decisions": forms.Textarea(attrs={"rows": 5}),
        }


class FollowUpItemForm(forms.Form):
    title = forms.CharField(label=pgettext_lazy("follow-up", "Task"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    owner_user = forms.ModelChoiceField(
        label=_("Owner (committee member)"), queryset=None, required=False
    )
    owner_unit = forms.CharField(
        label=_("Or owner (unit)"),
        max_length=120,
        required=False,
        help_text=_("For example the property management company."),
    )
    due_on = forms.DateField(
        label=_("Due"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    milestones = forms.CharField(
        label=_("Milestones (one a line)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, committee: list[Any], due_days: int, **kwargs):
        super().__init__(*args, **kwargs)

        self.fields["owner_user"].queryset = get_user_model().objects.filter(
            pk__in=[u.pk for u in committee]
        )
        self.fields["owner_user"].label_from_instance = lambda u: u.public_name
        self.fields["due_on"].help_text = _(
            "Leave empty for %(days)s days from today."
        ) % {"days": due_days}

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("owner_user") and not (data.get("owner_unit") or "").strip():
            self.add_error(
                "owner_unit", _("Choose a committee member or name a unit as owner.")
            )
        return data


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultiplePhotoField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


class ProgressForm(forms.Form):
    text = forms.CharField(
        label=_("Progress"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )
    photos = MultiplePhotoField(
        label=_("Photos"),
        required=False,
        help_text=_("JPEG, PNG, GIF or WebP, at most 10 MB each, up to 6."),
        widget=MultipleFileInput(attrs={"accept": "image/*"}),
    )


class CloseItemForm(forms.Form):
    final_report = forms.CharField(
        label=_("Final report"), widget=forms.Textarea(attrs={"rows": 5})
    )


class RatingForm(forms.Form):
    score = forms.TypedChoiceField(
        label=_("Your rating"),
        choices=[(i, str(i)) for i in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
