"""Affairs disclosure records beside the pages: catalogue, due items, versions,
reviews and objections (DESIGN.md "Affairs disclosure").

Every write goes through governance/disclosures/services/.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    PARTY = "party", _("Party affairs (党务)")
    AFFAIRS = "affairs", _("community affairs (政务/事务)")
    FINANCE = "finance", _("finance (财务)")
    SERVICE = "service", _("services (服务)")


class Cadence(models.TextChoices):
    IMMEDIATE = "immediate", _("immediately")
    MONTHLY = "monthly", _("monthly")
    QUARTERLY = "quarterly", _("quarterly")
    HALF_YEARLY = "half_yearly", _("half-yearly")
    ANNUAL = "annual", _("annually")
    ON_CHANGE = "on_change", _("on change")


PERIODIC_CADENCES = {
    Cadence.MONTHLY: 1,
    Cadence.QUARTERLY: 3,
    Cadence.HALF_YEARLY: 6,
    Cadence.ANNUAL: 12,
}
EVENT_CADENCES = {Cadence.IMMEDIATE, Cadence.ON_CHANGE}


class CatalogueEntry(models.Model):
    """One line of a community's disclosure catalogue (公开目录)."""

    community = models.ForeignKey(
        "communities.Community",
        on_delete=models.CASCADE,
        related_name="disclosure_catalogue",
        verbose_name=_("community"),
    )
    title = models.CharField(_("title"), max_length=100)
    category = models.CharField(_("category"), max_length=10, choices=Category.choices)
    cadence = models.CharField(_("cadence"), max_length=12, choices=Cadence.choices)
    due_days = models.PositiveSmallIntegerField(
        _("days allowed"),
        default=10,
        help_text=_(
            "Days after the period ends (or after the matter arises) by which the "
            "disclosure is due."
        ),
    )
    is_juwu = models.BooleanField(
        _("community affairs (居务) item"),
        default=False,
        help_text=_("Needs the supervision committee's approval before publication."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=100)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("disclosure catalogue entry")
        verbose_name_plural = _("disclosure catalogue entries")
        ordering = ["community", "order", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def effective_cadence(self) -> str:
        """Finance items are monthly in communities with frequent transactions."""
        if (
            self.category == Category.FINANCE
            and self.cadence in PERIODIC_CADENCES
            and self.community.policy.frequent_transactions
        ):
            return Cadence.MONTHLY
        return self.cadence

    @property
    def needs_review(self) -> bool:
        return self.category == Category.FINANCE or self.is_juwu


class DueItemQuerySet(models.QuerySet):
    def open(self) -> DueItemQuerySet:
        return self.filter(fulfilled_at__isnull=True)

    def overdue(self, today: datetime.date | None = None) -> DueItemQuerySet:
        today = today or timezone.localdate()
        return self.open().filter(due_on__lt=today)


class DueItem(models.Model):
    """A disclosure the catalogue expects for one period (or one matter), with its due date."""

    entry = models.ForeignKey(
        CatalogueEntry,
        on_delete=models.CASCADE,
        related_name="due_items",
        verbose_name=_("catalogue entry"),
    )
    community = models.ForeignKey(
        "communities.Community",
        on_delete=models.CASCADE,
        related_name="disclosure_due_items",
        verbose_name=_("community"),
    )
    period_start = models.DateField(_("period starts"))
    period_end = models.DateField(_("period ends"))
    due_on = models.DateField(_("due on"))
    matter = models.CharField(_("matter"), max_length=200, blank=True)
    fulfilled_by = models.ForeignKey(
        "governance.DisclosurePage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="fulfilled_items",
        verbose_name=_("disclosure"),
    )
    fulfilled_at = models.DateTimeField(_("published"), null=True, blank=True)
    overdue_notified_at = models.DateTimeField(
        _("overdue notice sent"), null=True, blank=True
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = DueItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("due disclosure")
        verbose_name_plural = _("due disclosures")
        ordering = ["due_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["entry", "period_start"],
                condition=Q(matter=""),
                name="governance_one_due_item_per_period",
            ),
        ]
        indexes = [models.Index(fields=["community", "due_on"])]

    def __str__(self) -> str:
        return f"{self.entry} {self.period_start:%Y-%m-%d}–{self.period_end:%Y-%m-%d}"

    @property
    def on_time(self) -> bool:
        return (
            self.fulfilled_at is not None
            and timezone.localdate(self.fulfilled_at) <= self.due_on
        )

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        if self.fulfilled_at is not None:
            return not self.on_time
        return self.due_on < today


class DisclosureVersion(models.Model):
    """One published version of a disclosure. Version 1 is the first publication;
    each later one is a correction with its note (更正说明). Kept for the archive."""

    page = models.ForeignKey(
        "governance.DisclosurePage",
        on_delete=models.CASCADE,
        related_name="versions",
        verbose_name=_("disclosure"),
    )
    number = models.PositiveIntegerField(_("version"))
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("revision"),
    )
    title = models.CharField(_("title"), max_length=255)
    text = models.TextField(_("text"), blank=True)
    correction_note = models.TextField(_("correction note"), blank=True)
    published_at = models.DateTimeField(_("published"), default=timezone.now)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)

    class Meta:
        verbose_name = _("disclosure version")
        verbose_name_plural = _("disclosure versions")
        ordering = ["page", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["page", "number"], name="governance_one_version_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} v{self.number}"


class DisclosureReview(models.Model):
    """A supervision member's decision on one revision of a disclosure."""

    class Decision(models.TextChoices):
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("returned")

    page = models.ForeignKey(
        "governance.DisclosurePage",
        on_delete=models.CASCADE,
        related_name="reviews",
        verbose_name=_("disclosure"),
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("revision"),
    )
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("reviewer"),
    )
    reason = models.TextField(_("reason"), blank=True)
    decided_at = models.DateTimeField(_("decided"), default=timezone.now)

    class Meta:
        verbose_name = _("disclosure review")
        verbose_name_plural = _("disclosure reviews")
        ordering = ["-decided_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.page_id} {self.decision}"


class ObjectionQuerySet(models.QuerySet):
    def open(self) -> ObjectionQuerySet:
        return self.filter(
            status__in=[Objection.Status.OPEN, Objection.Status.REOPENED]
        )

    def past_due(self, today: datetime.date | None = None) -> ObjectionQuerySet:
        today = today or timezone.localdate()
        return self.open().filter(answer_due_on__lt=today)


class Objection(models.Model):
    """A resident's question or objection (质询/异议) on a disclosure or one finance line."""

    class Status(models.TextChoices):
        OPEN = "open", _("waiting for an answer")
        ANSWERED = "answered", _("answered")
        REOPENED = "reopened", _("reopened")
        ACCEPTED = "accepted", _("answer accepted")

    community = models.ForeignKey(
        "communities.Community",
        on_delete=models.CASCADE,
        related_name="disclosure_objections",
        verbose_name=_("community"),
    )
    page = models.ForeignKey(
        "governance.DisclosurePage",
        on_delete=models.CASCADE,
        related_name="objections",
        verbose_name=_("disclosure"),
    )
    line_id = models.CharField(_("line"), max_length=64, blank=True)
    line_label = models.CharField(_("line item"), max_length=200, blank=True)
    tracking_number = models.CharField(
        _("tracking number"), max_length=24, unique=True, null=True, blank=True
    )
    asker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="disclosure_objections",
        verbose_name=_("asked by"),
    )
    text = models.TextField(_("question or objection"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    created_at = models.DateTimeField(_("filed"), default=timezone.now)
    answer_due_on = models.DateField(_("answer due"))
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    reopen_reason = models.TextField(_("reason for reopening"), blank=True)
    reopened_at = models.DateTimeField(_("reopened"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("escalated"), null=True, blank=True)

    objects = ObjectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("objection")
        verbose_name_plural = _("objections")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["community", "status", "answer_due_on"])]

    def __str__(self) -> str:
        return self.tracking_number or f"#{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.OPEN, self.Status.REOPENED)

    @property
    def may_reopen(self) -> bool:
        return self.status == self.Status.ANSWERED and self.reopened_at is None
