"""Invitations to shifts: a coordinator asks a suggested volunteer to take a place."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Invitation(models.Model):
    """A coordinator asked a suggested volunteer to take a place on a shift.

    One per person and shift, ever: a volunteer is not invited twice to the same
    shift. Accepting goes through the sign-up service like any other sign-up.
    """

    shift = models.ForeignKey(
        "volunteers.Shift",
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("shift"),
    )
    volunteer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="shift_invitations",
        verbose_name=_("volunteer"),
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    reasons = models.JSONField(_("why they were suggested"), default=list, blank=True)
    created_at = models.DateTimeField(_("invited at"), auto_now_add=True)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    signup = models.ForeignKey(
        "volunteers.SignUp",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sign-up"),
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["shift", "volunteer"], name="volunteers_invitation_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.volunteer} · {self.shift}"
