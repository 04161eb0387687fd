"""Votes: motions and their options, the electorate snapshot, proxies, secret
ballots and paper tallies.

Secret ballots: a `Ballot` records that an elector voted; its choices are stored
as `BallotChoice` rows with a random primary key and NO link to the ballot, so who
voted is known and how is not.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from consultation.meetings.models import AgendaItem

# Deliberation, minutes, resolutions and follow-up live in their own module.


# ---------------------------------------------------------------------------
# Voting
# ---------------------------------------------------------------------------
class Motion(models.Model):
    """A question put to the vote on an agenda item."""

    class Method(models.TextChoices):
        YES_NO = "yes_no", _("for / against / abstain")
        SINGLE = "single", _("one choice among options")
        MULTIPLE = "multiple", _("several choices up to a maximum")

    class Electorate(models.TextChoices):
        RESIDENTS = "residents", _("verified adult residents")
        HOUSEHOLDS = "households", _("households (through their representative)")
        PARTICIPANTS = "participants", _("the meeting's voting participants")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        OPEN = "open", pgettext_lazy("vote", "open")
        CLOSED = "closed", _("closed")

    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.CASCADE,
        related_name="motions",
        verbose_name=_("agenda item"),
    )
    community = models.ForeignKey(
        "communities.Community",
        on_delete=models.CASCADE,
        related_name="motions",
        verbose_name=_("community"),
    )
    title = models.CharField(_("question"), max_length=300)
    description = models.TextField(_("explanation"), blank=True)
    method = models.CharField(
        _("method"), max_length=10, choices=Method.choices, default=Method.YES_NO
    )
    max_choices = models.PositiveSmallIntegerField(
        _("most choices per ballot"), default=1
    )
    electorate = models.CharField(
        _("electorate"),
        max_length=12,
        choices=Electorate.choices,
        default=Electorate.RESIDENTS,
    )
    is_secret = models.BooleanField(_("secret ballot"), default=False)
    hide_results = models.BooleanField(_("hide results until closed"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    # Snapshotted when the vote opens, so later policy edits do not change the rule.
    quorum_fraction = models.DecimalField(
        _("quorum"), max_digits=4, decimal_places=3, null=True, blank=True
    )
    majority_fraction = models.DecimalField(
        _("majority"), max_digits=4, decimal_places=3, null=True, blank=True
    )
    electorate_size = models.PositiveIntegerField(_("electorate size"), default=0)
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("opened by"),
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("closed by"),
    )
    # The result as computed at close (numbers, valid, passed); None while open.
    result = models.JSONField(_("result"), null=True, blank=True)
    # A charter's adoption vote held as this motion (issue 4 §6): the id of the
    # governance charter version, a plain reference (apps do not share models).
    # On close the numbers go to governance.services; result["charter"] says what
    # governance made of them.
    charter_version_id = models.PositiveIntegerField(
        _("charter version put to the vote"), null=True, blank=True
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("motion")
        verbose_name_plural = _("motions")
        ordering = ["agenda_item", "created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(max_choices__gte=1), name="consultation_motion_max_choices"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def household_mode(self) -> bool:
        return self.electorate == self.Electorate.HOUSEHOLDS

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def is_closed(self) -> bool:
        return self.status == self.Status.CLOSED


class Option(models.Model):
    """A choice on a motion. For/against/abstain motions get three with `code` set."""

    class Code(models.TextChoices):
        FOR = "for", _("for")
        AGAINST = "against", _("against")
        ABSTAIN = "abstain", _("abstain")

    motion = models.ForeignKey(
        Motion,
        on_delete=models.CASCADE,
        related_name="options",
        verbose_name=_("motion"),
    )
    position = models.PositiveSmallIntegerField(_("position"))
    label = models.CharField(_("label"), max_length=200)
    code = models.CharField(_("code"), max_length=10, choices=Code.choices, blank=True)

    class Meta:
        verbose_name = _("option")
        verbose_name_plural = _("options")
        ordering = ["motion", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["motion", "position"], name="consultation_option_position"
            )
        ]

    def __str__(self) -> str:
        return self.label


class Elector(models.Model):
    """One member of a motion's electorate, snapshotted when the vote opens.

    In person mode `user` is the resident. In household mode `household` is set and
    `user` is its representative at the time (None when it had none: then only a
    recorded proxy can vote).
    """

    motion = models.ForeignKey(
        Motion,
        on_delete=models.CASCADE,
        related_name="electors",
        verbose_name=_("motion"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consultation_electorships",
        verbose_name=_("voter"),
    )
    household = models.ForeignKey(
        "communities.Household",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("household"),
    )

    class Meta:
        verbose_name = _("elector")
        verbose_name_plural = _("electors")
        constraints = [
            models.UniqueConstraint(
                fields=["motion", "user"],
                condition=Q(user__isnull=False),
                name="consultation_elector_person_once",
            ),
            models.UniqueConstraint(
                fields=["motion", "household"],
                condition=Q(household__isnull=False),
                name="consultation_elector_household_once",
            ),
            models.CheckConstraint(
                condition=Q(user__isnull=False) | Q(household__isnull=False),
                name="consultation_elector_someone",
            ),
        ]

    def __str__(self) -> str:
        if self.household_id:
            return self.household.label
        return self.user.public_name if self.user_id else str(self.pk)


class Proxy(models.Model):
    """A recorded proxy: `holder` casts the elector's ballot instead of its voter."""

    elector = models.OneToOneField(
        Elector,
        on_delete=models.CASCADE,
        related_name="proxy",
        verbose_name=_("elector"),
    )
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="consultation_proxies",
        verbose_name=_("proxy holder"),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        verbose_name = _("proxy")
        verbose_name_plural = _("proxies")

    def __str__(self) -> str:
        return f"{self.holder_id} for {self.elector_id}"


class Ballot(models.Model):
    """That an elector voted online (one per elector, enforced by the database).

    For a secret motion this is all that is stored about the voter; the choices
    live in `BallotChoice` rows without a link back.
    """

    motion = models.ForeignKey(
        Motion,
        on_delete=models.CASCADE,
        related_name="ballots",
        verbose_name=_("motion"),
    )
    elector = models.ForeignKey(
        Elector,
        on_delete=models.CASCADE,
        related_name="ballots",
        verbose_name=_("elector"),
    )
    cast_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("cast by"),
    )
    cast_at = models.DateTimeField(_("cast at"), default=timezone.now)

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        constraints = [
            models.UniqueConstraint(
                fields=["motion", "elector"], name="consultation_ballot_one_per_elector"
            )
        ]

    def __str__(self) -> str:
        return f"{self.motion_id}: {self.elector_id}"


class BallotChoice(models.Model):
    """One option chosen on one ballot.

    `ballot` is set for open motions only. The primary key is random, so the order
    of rows does not betray which ballot a secret choice came from.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    motion = models.ForeignKey(
        Motion,
        on_delete=models.CASCADE,
        related_name="choices",
        verbose_name=_("motion"),
    )
    option = models.ForeignKey(
        Option,
        on_delete=models.CASCADE,
        related_name="choices",
        verbose_name=_("option"),
    )
    ballot = models.ForeignKey(
        Ballot,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="choices",
        verbose_name=_("ballot (open motions only)"),
    )

    class Meta:
        verbose_name = _("ballot choice")
        verbose_name_plural = _("ballot choices")
        constraints = [
            models.UniqueConstraint(
                fields=["ballot", "option"],
                condition=Q(ballot__isnull=False),
                name="consultation_choice_once_per_ballot",
            )
        ]

    def __str__(self) -> str:
        return f"{self.motion_id}: {self.option_id}"


class PaperTally(models.Model):
    """In-person paper ballots of a motion, counted and entered by the committee."""

    motion = models.OneToOneField(
        Motion,
        on_delete=models.CASCADE,
        related_name="paper_tally",
        verbose_name=_("motion"),
    )
    ballots = models.PositiveIntegerField(_("paper ballots cast"))
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("entered by"),
    )
    entered_at = models.DateTimeField(_("entered at"), default=timezone.now)

    class Meta:
        verbose_name = _("paper tally")
        verbose_name_plural = _("paper tallies")

    def __str__(self) -> str:
        return f"{self.motion_id}: {self.ballots}"


class PaperCount(models.Model):
    """How many paper ballots chose one option."""

    tally = models.ForeignKey(
        PaperTally,
        on_delete=models.CASCADE,
        related_name="counts",
        verbose_name=_("paper tally"),
    )
    option = models.ForeignKey(
        Option,
        on_delete=models.CASCADE,
        related_name="paper_counts",
        verbose_name=_("option"),
    )
    count = models.PositiveIntegerField(_("count"))

    class Meta:
        verbose_name = _("paper count")
        verbose_name_plural = _("paper counts")
        constraints = [
            models.UniqueConstraint(
                fields=["tally", "option"], name="consultation_papercount_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.option_id}: {self.count}"
