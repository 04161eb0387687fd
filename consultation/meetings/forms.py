"""Forms of the meeting pages: the meeting, an agenda item, an invitation."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from communities import wording
from communities.forms import MAX_COUNT
from consultation.meetings.models import Meeting, Participant


class MeetingForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    form = forms.ChoiceField(label=_("Form"), choices=Meeting.Form.choices)
    mode = forms.ChoiceField(label=_("Mode"), choices=Meeting.Mode.choices)

    starts_at = forms.DateTimeField(
        label=_("Starts at"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    ends_at = forms.DateTimeField(
        label=_("Ends at"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    online_url = forms.URLField(label=_("Online link"), required=False)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea, required=False
    )
    registration_open = forms.BooleanField(
        label=_("Residents may register"), required=False
    )
    capacity = forms.IntegerField(
        label=_("Places for registration"),
        min_value=1,
        max_value=MAX_COUNT,
        required=False,
        help_text=_("Leave empty for no limit."),
    )
    is_emergency = forms.BooleanField(
        label=_("Emergency meeting (shorter notice)"), required=False
    )
    emergency_reason = forms.CharField(
        label=_("Reason for the short notice"), widget=forms.Textarea, required=False
    )

    def __init__(self, *args: Any, community: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The stored value stays "assembly"; its label is this community's word.
        self.fields["form"].choices = [
            (
                value,
                wording.term(community, "assembly") if value == "assembly" else label,
            )
            for value, label in Meeting.Form.choices
        ]


class AgendaItemForm(forms.Form):
    title = forms.CharField(label=_("Agenda item"), max_length=200)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea, required=False
    )


class InviteForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Participant.Kind.choices)
    email = forms.EmailField(
        label=_("E-mail of a person with an account"), required=False
    )
    name = forms.CharField(
        label=_("Or the name of a unit, organisation or expert"),
        max_length=120,
        required=False,
    )

    def clean(self):
        data = super().clean()
        if not data.get("email") and not data.get("name"):
            raise forms.ValidationError(_("Give an e-mail address or a name."))
        return data
