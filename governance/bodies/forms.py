"""Input shape for the bodies page; the rules live in governance.bodies.services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from governance.bodies.models import Body, Position


class AppointForm(forms.Form):
    """Appoint a person, found by e-mail address, to a position in one of the bodies."""

    body = forms.ModelChoiceField(label=_("Body"), queryset=Body.objects.none())
    email = forms.EmailField(label=_("E-mail address of the person"))
    position = forms.ChoiceField(label=_("Position"), choices=Position.choices)
    starts_on = forms.DateField(
        label=_("Term starts on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    ends_on = forms.DateField(
        label=_("Term ends on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("The last day in office. Leave empty if not yet known."),
    )
    photo = forms.FileField(
        label=_("Photo"),
        required=False,
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/jpeg,image/png,image/webp"}
        ),
        help_text=_(
            "Optional portrait for the public page. It is resized, and information "
            "such as the place it was taken is removed."
        ),
    )

    def __init__(self, *args: Any, bodies, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"starts_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies
        self.fields["body"].label_from_instance = lambda body: body.display_name

    def clean_email(self) -> Any:
        email = self.cleaned_data["email"]
        user = get_user_model().objects.filter(email__iexact=email).first()
        if user is None:
            raise forms.ValidationError(_("There is no account with this address."))
        self.cleaned_data["person"] = user
        return email


class EndTermForm(forms.Form):
    ends_on = forms.DateField(
        label=_("Last day in office"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leave empty for today."),
    )


class SubcommitteeForm(forms.Form):
    name = forms.CharField(label=_("Name of the new sub-committee"), max_length=60)
