"""Charters and conventions (自治章程 / 居民公约 / 村规民约): pages, versions, clauses.

A community's charters are listed at /<slug>/charters/ (one `CharterIndexPage` per
community, created by governance.charter_services.ensure_charter_index). Each charter
is a `CharterPage`; its text lives in `CharterVersion`s made of numbered
`CharterClause`s. A version goes through the lifecycle

    collecting opinions → draft → submitted for street/town review → review passed
    → adoption vote → filed → published (with an in-force date)

only through governance.charter_services, which records every step
(`CharterTransition`) and audits it. The public page shows published versions only;
the page itself goes live when its first version is published, so drafts are never
served to the public.

Re-exported from governance.models.
"""

from __future__ import annotations

import datetime
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.http import Http404, HttpRequest
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page


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
    FILED = "filed", _("filed")
    PUBLISHED = "published", _("published")


# States in which the text may still change.
EDITABLE_STATES = (CharterState.COLLECTING, CharterState.DRAFT)
# States of a version on its way to adoption (at most one per charter).
OPEN_STATES = tuple(s for s in CharterState if s != CharterState.PUBLISHED)


class CharterIndexPage(Page):
    """The community's charters and conventions at /<slug>/charters/.

    Exactly one per community, created by charter_services.ensure_charter_index.
    """

    community = models.OneToOneField(
        "communities.Community",
        on_delete=models.PROTECT,
        related_name="charter_index",
        verbose_name=_("community"),
    )

    parent_page_types = ["communities.CommunityHomePage"]
    subpage_types = ["governance.CharterPage"]
    max_count_per_parent = 1
    is_creatable = False

    template = "governance/charters/charter_index_page.html"

    class Meta:
        verbose_name = _("charter index page")
        verbose_name_plural = _("charter index pages")

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        from communities import navigation
        from governance import charter_selectors

        context = super().get_context(request, *args, **kwargs)
        context["community"] = self.community
        context["community_nav"] = navigation.items_for(
            request=request, community=self.community, current="charters"
        )
        context["charters"] = charter_selectors.public_charters(self)
        # Signed-in pages are never cached, so a resident may see their own links.
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            context["open_for_opinions"] = [
                version
                for version in charter_selectors.collecting(self.community)
                if user.has_perm("governance.comment_charter", version)
            ]
        return context


class CharterPage(RoutablePageMixin, Page):
    """A charter or convention: the clauses of the version in force, every adopted
    version with its in-force date, and a clause-by-clause comparison.

    Created and published only through governance.charter_services; the page is
    live once its first version is published.
    """

    search_kind = "charter"

    community = models.ForeignKey(
        "communities.Community",
        on_delete=models.PROTECT,
        related_name="charters",
        verbose_name=_("community"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=CharterKind.choices)

    content_panels = [*Page.content_panels]
    parent_page_types = ["governance.CharterIndexPage"]
    subpage_types: list[str] = []
    is_creatable = False

    template = "governance/charters/charter_page.html"

    class Meta:
        verbose_name = _("charter")
        verbose_name_plural = _("charters")

    # -- reads -------------------------------------------------------------
    def published_versions(self):
        """Every adopted, published version, newest first (public)."""
        return (
            self.versions.filter(state=CharterState.PUBLISHED)
            .order_by("-number")
            .prefetch_related("clauses")
        )

    def current_version(self, on: datetime.date | None = None):
        """The published version in force on a day (today), or None."""
        on = on or timezone.localdate()
        return (
            self.versions.filter(state=CharterState.PUBLISHED, in_force_on__lte=on)
            .order_by("-in_force_on", "-number")
            .first()
        )

    def search_document(self) -> dict:
        """What site search indexes: the text of the version in force, never a draft."""
        version = self.current_version()
        clauses = list(version.clauses.all()) if version is not None else []
        text = "\n".join(clause.plain_text for clause in clauses)
        return {
            "community": self.community,
            "category": self.kind,
            "title": self.title,
            "text": text,
        }

    # -- pages -------------------------------------------------------------
    def _base_context(self, request: HttpRequest) -> dict:
        from communities import navigation

        return {
            "page": self,
            "self": self,
            "community": self.community,
            "community_nav": navigation.items_for(
                request=request, community=self.community, current="charters"
            ),
        }

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        context.update(self._base_context(request))
        versions = list(self.published_versions())
        today = timezone.localdate()
        current = next(
            (
                v
                for v in sorted(
                    versions, key=lambda v: (v.in_force_on, v.number), reverse=True
                )
                if v.in_force_on <= today
            ),
            None,
        )
        context["versions"] = versions
        context["current"] = current
        context["shown"] = current
        return context

    @path("")
    def current_page(self, request: HttpRequest):
        return self.render(request)

    @path("versions/<int:number>/")
    def version_page(self, request: HttpRequest, number: int):
        context = self.get_context(request)
        shown = next((v for v in context["versions"] if v.number == number), None)
        if shown is None:
            raise Http404
        context["shown"] = shown
        return TemplateResponse(request, self.get_template(request), context)

    @path("compare/")
    def compare_page(self, request: HttpRequest):
        from governance import charter_diff

        context = self._base_context(request)
        versions = list(self.published_versions())
        by_number = {v.number: v for v in versions}
        context["versions"] = versions
        try:
            old = by_number[int(request.GET.get("a", ""))]
            new = by_number[int(request.GET.get("b", ""))]
        except (KeyError, ValueError):
            old = new = None
        if old is None and len(versions) >= 2:
            new, old = versions[0], versions[1]
        if old is not None:
            if old.number > new.number:
                old, new = new, old
            context["old"], context["new"] = old, new
            context["changes"] = charter_diff.compare(old, new)
        return TemplateResponse(
            request, "governance/charters/charter_compare.html", context
        )


class CharterVersion(models.Model):
    """One text of a charter on its way to adoption, or adopted.

    The lifecycle fields are written only by governance.charter_services.
    """

    charter = models.ForeignKey(
        CharterPage,
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
    filed_at = models.DateTimeField(_("filed"), null=True, blank=True)
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
