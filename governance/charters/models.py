"""Charters and conventions (自治章程 / 居民公约 / 村规民约): pages, versions, clauses.

A community's charters are listed at /<slug>/charters/ (one `CharterIndexPage` per
community, created by governance.charters.services.ensure_charter_index). Each charter
is a `CharterPage`; its text lives in `CharterVersion`s made of numbered
`CharterClause`s. A version goes through the lifecycle

    collecting opinions → draft → submitted for street/town review → review passed
    → adoption vote → filed → published (with an in-force date)

only through governance.charters.services, which records every step
(`CharterTransition`) and audits it. The public page shows published versions only;
the page itself goes live when its first version is published, so drafts are never
served to the public.

Re-exported from governance.models.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class CharterKind(models.TextChoices):
    CHARTER = "charter", _("self-governance charter (自治章程)")
    RESIDENTS = "residents", _("residents' convention (居民公约)")
    VILLAGE = "village", _("village rules and convention (村规民约)")


class CharterState(models.TextChoices):
    COLLECTING = "collecting", _("collecting opinions")
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted for street/town review")
    REVIEW_PASSED = "review_passed", _("review passed")
    VOTED = "voted", _("adopted by vote, awaiting filing")
    FILED = "filed", pgettext_lazy("charter state", "filed")
    PUBLISHED = "published", _("published")


# States in which the text may still change.
EDITABLE_STATES = (CharterState.COLLECTING, CharterState.DRAFT)
# States of a version on its way to adoption (at most one per charter).
OPEN_STATES = tuple(s for s in CharterState if s != CharterState.PUBLISHED)


class CharterVersion(models.Model):
    """One text of a charter on its way to adoption, or adopted.

    The lifecycle fields are written only by governance.charters.services.
    """

    charter = models.ForeignKey(
        "governance.CharterPage",
        on_delete=models.CASCADE,
        related_name="versions",
        verbose_name=_("charter"),
    )
    community = models.ForeignKey(
        "communities.Community",
        on_delete=models.CASCADE,
        related_name="charter_versions",
        verbose_name=_("community"),
    )
    number = models.PositiveSmallIntegerField(_("version"))
    state = models.CharField(
        _("state"),
        max_length=20,
        choices=CharterState.choices,
        default=CharterState.COLLECTING,
    )
    title = models.CharField(_("title"), max_length=120)
    summary = models.TextField(
        _("what this version changes"),
        blank=True,
        max_length=1000,
    )
    return_reason = models.TextField(_("reason given when returned"), blank=True)
    voted_on = models.DateField(_("adopted by vote on"), null=True, blank=True)
    filing_due_on = models.DateField(_("filing due by"), null=True, blank=True)
    filed_at = models.DateTimeField(
        pgettext_lazy("charter", "filed"), null=True, blank=True
    )
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("filing confirmed by"),
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    in_force_on = models.DateField(_("in force from"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )

    class Meta:
        verbose_name = _("charter version")
        verbose_name_plural = _("charter versions")
        ordering = ["charter", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["charter", "number"], name="governance_charter_version_number"
            ),
            # One version on its way at a time: a revision starts after publication.
            models.UniqueConstraint(
                fields=["charter"],
                condition=~Q(state="published"),
                name="governance_one_open_charter_version",
            ),
            models.CheckConstraint(
                condition=~Q(state="published") | Q(in_force_on__isnull=False),
                name="governance_published_charter_has_in_force_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} v{self.number}"

    @property
    def is_editable(self) -> bool:
        return self.state in EDITABLE_STATES

    @property
    def filing_overdue(self) -> bool:
        return (
            self.state == CharterState.VOTED
            and self.filing_due_on is not None
            and self.filing_due_on < timezone.localdate()
        )


class CharterClause(models.Model):
    """A numbered clause (第N条). `key` stays the same across versions, so two
    versions are compared clause by clause even when clauses are renumbered."""

    version = models.ForeignKey(
        CharterVersion,
        on_delete=models.CASCADE,
        related_name="clauses",
        verbose_name=_("version"),
    )
    key = models.UUIDField(default=uuid.uuid4, editable=False)
    number = models.PositiveSmallIntegerField(_("number"))
    heading = models.CharField(_("heading"), max_length=80, blank=True)
    text = models.TextField(_("text"), max_length=4000)
    penalty_terms = models.JSONField(
        _("coercive penalty terms found"), default=list, blank=True
    )
    penalty_acknowledged_at = models.DateTimeField(null=True, blank=True)
    penalty_acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    penalty_note = models.TextField(_("why the penalty is lawful"), blank=True)

    class Meta:
        verbose_name = _("clause")
        verbose_name_plural = _("clauses")
        ordering = ["version", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "key"], name="governance_clause_key_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:30]}"

    @property
    def plain_text(self) -> str:
        return f"{self.heading} {self.text}".strip()

    @property
    def is_flagged(self) -> bool:
        return bool(self.penalty_terms)

    @property
    def needs_acknowledgement(self) -> bool:
        return self.is_flagged and self.penalty_acknowledged_at is None


class ClauseComment(models.Model):
    """A verified resident's opinion on a clause, while opinions are collected."""

    clause = models.ForeignKey(
        CharterClause,
        on_delete=models.CASCADE,
        related_name="comments",
        verbose_name=_("clause"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="charter_comments",
        verbose_name=_("author"),
    )
    text = models.TextField(_("opinion"), max_length=2000)
    created_at = models.DateTimeField(_("written"), default=timezone.now)

    class Meta:
        verbose_name = _("opinion on a clause")
        verbose_name_plural = _("opinions on clauses")
        ordering = ["clause", "created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:40]


class CharterTransition(models.Model):
    """One step of a version's lifecycle: who moved it, from which state, when, why."""

    version = models.ForeignKey(
        CharterVersion,
        on_delete=models.CASCADE,
        related_name="transitions",
        verbose_name=_("version"),
    )
    action = models.CharField(_("action"), max_length=30)
    from_state = models.CharField(
        _("from"), max_length=20, choices=CharterState.choices, blank=True
    )
    to_state = models.CharField(_("to"), max_length=20, choices=CharterState.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("when"), default=timezone.now)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("charter step")
        verbose_name_plural = _("charter steps")
        ordering = ["version", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.version_id}: {self.from_state} → {self.to_state}"


class AdoptionVote(models.Model):
    """The meeting record of a vote on a version (村民会议 / 居民会议).

    Recorded by the committee today; the consultation app may supply it later
    (`source="consultation"`, `source_ref` naming its vote). Every vote is kept,
    a failed one too; only a valid, passing vote adopts the version.
    """

    class Source(models.TextChoices):
        MEETING = "meeting", _("meeting record")
        CONSULTATION = "consultation", _("consultation vote")

    version = models.ForeignKey(
        CharterVersion,
        on_delete=models.CASCADE,
        related_name="votes",
        verbose_name=_("version"),
    )
    held_on = models.DateField(_("held on"))
    electorate = models.PositiveIntegerField(_("electorate"))
    attendance = models.PositiveIntegerField(_("attending"))
    women = models.PositiveIntegerField(_("women attending"))
    votes_for = models.PositiveIntegerField(_("for"))
    against = models.PositiveIntegerField(_("against"))
    abstain = models.PositiveIntegerField(_("abstaining"))
    quorate = models.BooleanField(_("quorum reached"))
    passed = models.BooleanField(_("passed"))
    source = models.CharField(
        _("source"), max_length=20, choices=Source.choices, default=Source.MEETING
    )
    source_ref = models.CharField(_("source reference"), max_length=80, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("adoption vote")
        verbose_name_plural = _("adoption votes")
        ordering = ["version", "recorded_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    attendance__lte=models.F("electorate"),
                    women__lte=models.F("attendance"),
                ),
                name="governance_vote_attendance_consistent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.version} {self.held_on}"

    def clean(self) -> None:
        if self.votes_for + self.against + self.abstain > self.attendance:
            raise ValidationError(_("More votes than people attending."))
