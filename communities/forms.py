"""The one way views show a service's ValidationError on a form (a foundation
module other apps import). The communities' own forms are in their concerns."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError


def add_validation_error(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: per field where the field
    exists on the form, otherwise as a form-wide error. The one way views do it."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)
