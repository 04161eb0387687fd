"""The one way views show a service's ValidationError on a form (a foundation
module other apps import). The communities' own forms are in their concerns."""

from __future__ import annotations

from django import forms
from django.core.exceptions import BadRequest, ValidationError
from django.http import QueryDict
from django.utils.translation import gettext as _


def form_errors(form: forms.BaseForm) -> ValidationError:
    """A bound form's errors as one ValidationError (for action views that show a
    refusal as a message rather than re-rendering the form)."""
    return ValidationError([e for errors in form.errors.values() for e in errors])


def add_validation_error(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: per field where the field
    exists on the form, otherwise as a form-wide error. The one way views do it."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


# The largest value a 64-bit integer column holds (ids are BigAutoField).
MAX_ID = 2**63 - 1
# The largest count a (positive) integer column holds on every database: the
# `max_value` of every form field whose number is stored.
MAX_COUNT = 2**31 - 1


def parse_id(value: object) -> int | None:
    """A submitted value as a database id, parsed as a form field does: None when it
    is missing, not a whole number, or outside what an id column holds."""
    try:
        return forms.IntegerField(min_value=1, max_value=MAX_ID).clean(value)
    except ValidationError:
        return None


def posted_id(data: QueryDict, name: str) -> int:
    """The id a POST names in `name`; anything that is not an id answers 400."""
    pk = parse_id(data.get(name))
    if pk is None:
        raise BadRequest(_("“%(name)s” is not a valid id.") % {"name": name})
    return pk


def parse_ids(values: list[str]) -> list[int] | None:
    """Submitted values (a multiple choice) as ids; None when any is not one."""
    ids = [parse_id(value) for value in values]
    return None if None in ids else ids  # type: ignore[return-value]


class ModelMultipleIdField(forms.ModelMultipleChoiceField):
    """A multiple choice of rows by id that refuses, with the field's own error, a
    value no id column holds (SQLite cannot even bind it)."""

    def _check_values(self, value):
        for pk in value:
            if parse_id(pk) is None:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": str(pk)[:20]},
                )
        return super()._check_values(value)
