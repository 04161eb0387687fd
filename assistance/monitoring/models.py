"""Periodic review and early warning (动态管理、返贫预警).

- `ReviewSchedule`: when each recipient (a confirmed 低保 or 特困 case) is next
  due for review, kept up to date by the services so the lists are one indexed
  query whatever the number of households.
- `Review`: one periodic review: the coordinator's visit and the changed income
  and members (old and new values kept in `history`), the recalculated amount,
  and the street officer's decision (unchanged, increase, decrease, stop).
- `AmountChange`: the history of a recipient's monthly amount.
- `EarlyWarning`: an early warning (返贫预警) for the coordinator to act on.
"""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.crypto import EncryptedDecimalField, EncryptedTextField
from assistance.cases.models import Case
from communities.models import Community


class ReviewSchedule(models.Model):
    """The next periodic review of one recipient case."""

    case = models.OneToOneField(
        Case,
        on_delete=models.CASCADE,
        related_name="review_schedule",
        verbose_name=_("case"),
    )
    community = models.ForeignKey(
        Community,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("community"),
    )
    due_on = models.DateField(_("review due on"))
    cycle_months = models.PositiveSmallIntegerField(_("reviewed every (months)"))
    counted_from = models.DateField(_("counted from"))

    class Meta:
        verbose_name = _("review schedule")
        verbose_name_plural = _("review schedules")
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["community", "due_on"])]

    def __str__(self) -> str:
        return f"{self.case_id} · {self.due_on:%Y-%m-%d}"


class Outcome(models.TextChoices):
    PENDING = "pending", _("waiting for the street's decision")
    UNCHANGED = "unchanged", _("amount unchanged")
    INCREASE = "increase", _("amount increased")
    DECREASE = "decrease", _("amount decreased")
    STOP = "stop", _("assistance stopped (停发)")


class Review(models.Model):
    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="reviews", verbose_name=_("case")
    )
    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="+")
    visited_on = models.DateField(_("visited on"))
    findings = EncryptedTextField(_("findings of the visit"))
    # JSON: {"incomes": [...], "members_left": [...], "member_added": {...}}
    history = EncryptedTextField(_("what changed (old and new values)"), blank=True)
    income_before = EncryptedDecimalField(_("monthly income before"))
    income_after = EncryptedDecimalField(_("monthly income now"))
    expenses_before = EncryptedDecimalField(_("large expenses before (yuan)"))
    expenses_after = EncryptedDecimalField(_("large expenses now (yuan)"))
    members_before = models.PositiveSmallIntegerField(_("members before"))
    members_after = models.PositiveSmallIntegerField(_("members now"))
    amount_before = EncryptedDecimalField(_("amount before"))
    proposed_amount = EncryptedDecimalField(_("recalculated amount"))
    calculation = models.TextField(_("how the amount was recalculated"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=Outcome.choices, default=Outcome.PENDING
    )
    reasons = EncryptedTextField(_("reasons for the decision"), blank=True)
    from_month = models.DateField(_("new amount from"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    # Set once the daily warning job has compared its figures.
    warnings_checked = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = _("periodic review")
        verbose_name_plural = _("periodic reviews")
        ordering = ["case", "recorded_at", "pk"]
        indexes = [
            models.Index(fields=["community", "outcome"]),
            models.Index(fields=["warnings_checked"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=Q(outcome="pending"),
                name="assistance_one_pending_review_per_case",
                violation_error_message=_(
                    "A review of this case is already waiting for a decision."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case} · {self.visited_on:%Y-%m-%d}"

    @property
    def changes(self) -> dict[str, Any]:
        try:
            return json.loads(self.history or "{}")
        except ValueError:
            return {}

    @property
    def is_pending(self) -> bool:
        return self.outcome == Outcome.PENDING


class AmountChange(models.Model):
    """One change of a recipient's monthly amount (old, new, from when, why, who)."""

    case = models.ForeignKey(
        Case,
        on_delete=models.CASCADE,
        related_name="amount_changes",
        verbose_name=_("case"),
    )
    review = models.ForeignKey(
        Review,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="amount_changes",
        verbose_name=_("review"),
    )
    old_amount = EncryptedDecimalField(_("old amount"))
    new_amount = EncryptedDecimalField(_("new amount"))
    from_month = models.DateField(_("from"))
    reason = EncryptedTextField(_("reason"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), default=timezone.now)

    class Meta:
        verbose_name = _("amount change")
        verbose_name_plural = _("amount changes")
        ordering = ["case", "decided_at", "pk"]

    def __str__(self) -> str:
        return f"{self.case} · {self.from_month:%Y-%m}"


class WarningReason(models.TextChoices):
    INCOME_DROP = "income_drop", _("recorded income fell")
    EXPENSE_RISE = "expense_rise", _("large expenses rose")
    STOPPED = "stopped", _("assistance stopped")
    ALONE_NO_VISIT = "alone_no_visit", _("elderly person living alone, no recent visit")


class WarningAction(models.TextChoices):
    VISITED = "visited", _("visited")
    REVIEW_STARTED = "review", _("review started")
    REFERRED = "referred", _("referred")
    NO_ACTION = "no_action", _("no action needed")


class EarlyWarning(models.Model):
    """An early warning (返贫预警): one open per case and reason."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="warnings", verbose_name=_("case")
    )
    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(_("reason"), max_length=16, choices=WarningReason.choices)
    detail = EncryptedTextField(_("detail"), blank=True)
    review = models.ForeignKey(
        Review,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="warnings",
        verbose_name=_("from the review"),
    )
    opened_at = models.DateTimeField(_("opened at"), default=timezone.now)
    action = models.CharField(
        _("what was done"), max_length=10, choices=WarningAction.choices, blank=True
    )
    action_note = EncryptedTextField(_("note"), blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("closed by"),
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("early warning")
        verbose_name_plural = _("early warnings")
        ordering = ["-opened_at", "pk"]
        indexes = [models.Index(fields=["community", "closed_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "reason"],
                condition=Q(closed_at__isnull=True),
                name="assistance_one_open_warning_per_case_and_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case} · {self.reason}"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None
