"""Reports that a household may need help (及时报告、主动发现): filed by anyone
signed in or by an anonymous visitor with a phone number, answered by a visit
of the community's coordinators within a limit, escalated to the street past it.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.crypto import EncryptedTextField
from assistance.cases.models import Case
from communities.models import Community

_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"


def new_reference() -> str:
    """BG-2026-7F3K9Q: the year and six unguessable characters."""
    tail = "".join(secrets.choice(_ALPHABET) for _ in range(6))
    return f"BG-{timezone.localdate().year}-{tail}"


class Urgency(models.TextChoices):
    URGENT = "urgent", _("urgent (someone is in danger or without food, heat or care)")
    NORMAL = "normal", _("not urgent")


class Capacity(models.TextChoices):
    RESIDENT = "resident", _("resident")
    VOLUNTEER = "volunteer", _("volunteer")
    GRID_WORKER = "grid_worker", _("grid worker (网格员)")
    COMMITTEE = "committee", _("committee member")
    ANONYMOUS = "anonymous", _("anonymous visitor")


class Outcome(models.TextChoices):
    NO_NEED = "no_need", _("no need for help")
    APPLICATION = "application", _("referred to an application")
    EMERGENCY_AID = "emergency_aid", _("emergency aid given")
    SERVICE = "service", _("referred to a service")


class ReportQuerySet(models.QuerySet):
    def waiting(self) -> ReportQuerySet:
        """Not visited yet."""
        return self.filter(visited_at__isnull=True)

    def overdue(self, now=None) -> ReportQuerySet:
        """Not visited and past the time a visit was due."""
        return self.waiting().filter(visit_due__lt=now or timezone.now())


class Report(models.Model):
    """ "A household may need help": what a person saw, where, how urgent."""

    reference = models.CharField(
        _("reference"),
        max_length=20,
        unique=True,
        default=new_reference,
        editable=False,
    )
    community = models.ForeignKey(
        Community,
        on_delete=models.PROTECT,
        related_name="assistance_reports",
        verbose_name=_("community"),
    )
    place = EncryptedTextField(_("where"))
    seen = EncryptedTextField(_("what you saw"))
    urgency = models.CharField(
        _("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assistance_reports",
        verbose_name=_("reporter"),
    )
    reporter_phone = EncryptedTextField(_("reporter's phone"), blank=True)
    capacity = models.CharField(
        _("reported as"), max_length=12, choices=Capacity.choices
    )
    # Where the report came from, e.g. "volunteers.shift:42" (a visiting shift).
    source = models.CharField(_("source"), max_length=60, blank=True)
    created_at = models.DateTimeField(_("reported at"), default=timezone.now)
    visit_due = models.DateTimeField(_("visit due by"))
    visited_at = models.DateTimeField(_("visited at"), null=True, blank=True)
    visited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("visited by"),
    )
    outcome = models.CharField(
        _("outcome"), max_length=16, choices=Outcome.choices, blank=True
    )
    outcome_note = EncryptedTextField(_("note on the outcome"), blank=True)
    case = models.ForeignKey(
        Case,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("application filed"),
    )
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)
    escalated_at = models.DateTimeField(
        _("escalated to the street at"), null=True, blank=True
    )

    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("report of a household in difficulty")
        verbose_name_plural = _("reports of households in difficulty")
        ordering = ["visit_due", "pk"]
        indexes = [
            models.Index(
                fields=["community", "visit_due"],
                name="assistance_report_waiting",
                condition=Q(visited_at__isnull=True),
            ),
            models.Index(
                fields=["community", "created_at"], name="assistance_report_made"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(visited_at__isnull=True) | ~Q(outcome=""),
                name="assistance_report_visit_has_outcome",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_overdue(self) -> bool:
        if self.visited_at is not None:
            return self.visited_at > self.visit_due
        return self.visit_due < timezone.now()

    @property
    def answered_in_time(self) -> bool:
        return self.visited_at is not None and self.visited_at <= self.visit_due
