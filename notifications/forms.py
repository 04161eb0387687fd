"""The notification preferences form: one delivery choice per registered kind."""

from django import forms
from django.utils.translation import gettext_lazy as _

from notifications import kinds
from notifications.models import Delivery


def field_name(kind_key: str) -> str:
    return f"kind_{kind_key}"


class PreferencesForm(forms.Form):
    """Shape only: the choices are the Delivery values; saving is a service."""

    def __init__(self, *args, current: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        for kind in kinds.all_kinds():
            self.fields[field_name(kind.key)] = forms.ChoiceField(
                label=kind.label,
                choices=Delivery.choices,
                initial=current.get(kind.key, kind.default_delivery),
                error_messages={
                    "invalid_choice": _(
                        "“%(value)s” is not a delivery option. "
                        "Choose one of the options in the list."
                    ),
                    "required": _("Choose how you want to receive this."),
                },
            )

    def deliveries(self) -> dict[str, str]:
        return {
            kind.key: self.cleaned_data[field_name(kind.key)]
            for kind in kinds.all_kinds()
        }
