"""Mainland China mobile numbers: the one format Gongzhi accepts for phone sign-in."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Optional +86, then a mobile number: 1, a digit 3-9, and nine more digits.
_MAINLAND_MOBILE = re.compile(r"^(?:\+86)?(1[3-9]\d{9})$")
_SEPARATORS = re.compile(r"[\s\-()]")


def normalise_phone(value: str) -> str:
    """Return the number as +86XXXXXXXXXXX, or raise a translated ValidationError."""
    compact = _SEPARATORS.sub("", value or "")
    match = _MAINLAND_MOBILE.match(compact)
    if match is None:
        raise ValidationError(
            _(
                "Enter a mainland China mobile number: 11 digits starting with 1, "
                "for example 13812345678 (optionally with +86)."
            ),
            code="invalid_phone",
        )
    return "+86" + match.group(1)


def try_normalise_phone(value: str) -> str | None:
    """The normalised number, or None when it is not a valid mainland mobile number."""
    try:
        return normalise_phone(value)
    except ValidationError:
        return None
