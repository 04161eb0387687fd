"""One approval, aid in stages (一次审批、分阶段救助): a decision's schedule of
instalments, each with a due date, an amount and a condition the coordinator
checks before releasing it (e.g. "still in hospital").

An instalment is scheduled until it is released (paid out), skipped (with a
reason) or stopped (the rest of the schedule, with a reason). Amounts and the
notes are personal data: encrypted at rest.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.crypto import EncryptedDecimalField, EncryptedTextField
from assistance.cases.models import Case


class InstalmentState(models.TextChoices):
    SCHEDULED = "scheduled", _("scheduled")
    RELEASED = "released", _("released")
    SKIPPED = "skipped", _("skipped")
    STOPPED = "stopped", _("stopped")


class Instalment(models.Model):
    case = models.ForeignKey(
        Case,
        on_delete=models.CASCADE,
        related_name="instalments",
        verbose_name=_("case"),
    )
    position = models.PositiveSmallIntegerField(_("number"))
    due_on = models.DateField(_("due on"))
    amount = EncryptedDecimalField(_("amount (yuan)"))
    condition = EncryptedTextField(_("condition to check before release"))
    state = models.CharField(
        _("state"),
        max_length=10,
        choices=InstalmentState.choices,
        default=InstalmentState.SCHEDULED,
    )
    scheduled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("scheduled by"),
    )
    # Release (or skip/stop): who, when, what was checked or why.
    released_at = models.DateTimeField(_("released at"), null=True, blank=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("released by"),
    )
    check_note = EncryptedTextField(_("what was checked"), blank=True)
    ended_at = models.DateTimeField(_("skipped or stopped at"), null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("skipped or stopped by"),
    )
    reason = EncryptedTextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("instalment")
        verbose_name_plural = _("instalments")
        ordering = ["case", "due_on", "position"]
        indexes = [models.Index(fields=["state", "due_on"])]

    def __str__(self) -> str:
        return f"{self.case} · {self.position}"

    @property
    def is_scheduled(self) -> bool:
        return self.state == InstalmentState.SCHEDULED
