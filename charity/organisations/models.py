"""Charity organisations: their unified social credit code, their public-fundraising
qualification and the charity managers who manage them."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# GB 32100-2015: the unified social credit code's alphabet (no I, O, S, V, Z).
CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def credit_code_check_character(first17: str) -> str:
    """The 18th character of a unified social credit code (GB 32100-2015)."""
    total = sum(
        CREDIT_CODE_ALPHABET.index(char) * weight
        for char, weight in zip(first17, CREDIT_CODE_WEIGHTS, strict=True)
    )
    return CREDIT_CODE_ALPHABET[(31 - total % 31) % 31]


def validate_credit_code(value: str) -> None:
    """18 characters from the GB 32100-2015 alphabet with a correct check character."""
    code = (value or "").strip().upper()
    if len(code) != 18 or any(char not in CREDIT_CODE_ALPHABET for char in code):
        raise ValidationError(
            _(
                "A unified social credit code has 18 characters: digits and capital "
                "letters other than I, O, S, V and Z."
            ),
            code="format",
        )
    if credit_code_check_character(code[:17]) != code[17]:
        raise ValidationError(
            _("This unified social credit code's check character is wrong."),
            code="check_digit",
        )


class Organisation(models.Model):
    """A charity organisation or other social organisation working in a community."""

    class Kind(models.TextChoices):
        CHARITY = "charity", _("charity organisation")
        SOCIAL = "social", _("other social organisation")

    community = models.ForeignKey(
        "communities.Community",
        on_delete=models.PROTECT,
        related_name="charity_organisations",
        verbose_name=_("community"),
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.CHARITY
    )
    credit_code = models.CharField(
        _("unified social credit code"),
        max_length=18,
        unique=True,
        validators=[validate_credit_code],
    )
    qualification_number = models.CharField(
        _("public-fundraising qualification certificate number"),
        max_length=100,
        blank=True,
    )
    qualification_valid_from = models.DateField(
        _("qualification valid from"), null=True, blank=True
    )
    qualification_valid_to = models.DateField(
        _("qualification valid to"), null=True, blank=True
    )
    contact_person = models.CharField(_("contact person"), max_length=100)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    managers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="managed_charity_organisations",
        verbose_name=_("managers"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        start, end = self.qualification_valid_from, self.qualification_valid_to
        if start and end and end < start:
            raise ValidationError(
                {"qualification_valid_to": _("The end must not be before the start.")}
            )

    def has_valid_qualification(self, on: datetime.date | None = None) -> bool:
        """A certificate number and a validity period covering the day."""
        on = on or timezone.localdate()
        return bool(
            self.qualification_number
            and self.qualification_valid_from
            and self.qualification_valid_to
            and self.qualification_valid_from <= on <= self.qualification_valid_to
        )
