"""Input shape of granting a role."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from communities.roles.models import Role


class GrantRoleForm(forms.Form):
    """Grant a role to a person identified by their e-mail address."""

    email = forms.EmailField(label=_("E-mail address of the person"))
    role = forms.ChoiceField(label=_("Role"))
    starts_on = forms.DateField(
        label=_("Starts on"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    ends_on = forms.DateField(
        label=_("Ends on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leave empty for no end date."),
    )

    def __init__(self, *args: Any, roles: list[str], **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"starts_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        labels = dict(Role.choices)
        self.fields["role"].choices = [(role, labels[role]) for role in roles]

    def clean_email(self) -> Any:
        email = self.cleaned_data["email"]
        user = get_user_model().objects.filter(email__iexact=email).first()
        if user is None:
            raise forms.ValidationError(_("There is no account with this address."))
        self.cleaned_data["user"] = user
        return email

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The end date must not be before the start."))
        return cleaned
