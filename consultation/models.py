"""Consultation (城乡社区协商): topics and petitions, meetings, participants and votes.

The chain a resident can follow on one page:

    Suggestion (+ Support) --threshold--> Consultation (topic) --> Meeting
        --> AgendaItem --> Motion (+ Option) --> Elector snapshot --> Ballot / PaperTally

Every write goes through `consultation.services`; the state of a consultation moves
only along `TRANSITIONS`, one step at a time, each step logged as a
`ConsultationEvent` (who, when) and audited.

Secret ballots: a `Ballot` records that an elector voted; its choices are stored as
`BallotChoice` rows with a random primary key and NO link to the ballot, so who
voted is known and how is not.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


# ---------------------------------------------------------------------------
# Suggestions (resident petitions)
# ---------------------------------------------------------------------------
class Suggestion(models.Model):
    """A resident's suggestion; it becomes a topic when enough residents support it."""

    class Status(models.TextChoices):
        OPEN = "open", _("collecting support")
        PROMOTED = "promoted", _("became a topic")
        WITHDRAWN = "withdrawn", _("withdrawn")

    community = models.ForeignKey(
        "communities.Community",
        on_delete=models.CASCADE,
        related_name="suggestions",
        verbose_name=_("community"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="consultation_suggestions",
        verbose_name=_("author"),
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    promoted_at = models.DateTimeField(_("became a topic at"), null=True, blank=True)

    class Meta:
        verbose_name = _("suggestion")
        verbose_name_plural = _("suggestions")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["community", "status"])]

    def __str__(self) -> str:
        return self.title


class Support(models.Model):
    """One verified resident's support for a suggestion (once per person)."""

    suggestion = models.ForeignKey(
        Suggestion,
        on_delete=models.CASCADE,
        related_name="supports",
        verbose_name=_("suggestion"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="consultation_supports",
        verbose_name=_("supporter"),
    )
    created_at = models.DateTimeField(_("supported at"), default=timezone.now)

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints = [
            models.UniqueConstraint(
                fields=["suggestion", "user"], name="consultation_support_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.suggestion_id}"


# ---------------------------------------------------------------------------
# Consultations (topics)
# ---------------------------------------------------------------------------
class State(models.TextChoices):
    PROPOSED = "proposed", _("proposed")
    ACCEPTED = "accepted", _("accepted")
    PARTICIPANTS_SET = "participants_set", _("participants set")
    NOTICE_PUBLISHED = "notice_published", _("notice published")
    HELD = "held", _("held")
    OPINION_RECORDED = "opinion_recorded", _("opinion recorded")
    IMPLEMENTING = "implementing", _("being implemented")
    FEEDBACK_PUBLISHED = "feedback_published", _("feedback published")
    CLOSED = "closed", _("closed")
    DECLINED = "declined", _("declined")


# The only moves a consultation can make: one step forward, or decline a proposal.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    State.PROPOSED: (State.ACCEPTED, State.DECLINED),
    State.ACCEPTED: (State.PARTICIPANTS_SET,),
    State.PARTICIPANTS_SET: (State.NOTICE_PUBLISHED,),
    State.NOTICE_PUBLISHED: (State.HELD,),
    State.HELD: (State.OPINION_RECORDED,),
    State.OPINION_RECORDED: (State.IMPLEMENTING,),
    State.IMPLEMENTING: (State.FEEDBACK_PUBLISHED,),
    State.FEEDBACK_PUBLISHED: (State.CLOSED,),
    State.CLOSED: (),
    State.DECLINED: (),
}
# The chain in order (declined is a side exit), for the page's progress bar.
CHAIN: tuple[str, ...] = (
    State.PROPOSED,
    State.ACCEPTED,
    State.PARTICIPANTS_SET,
    State.NOTICE_PUBLISHED,
    State.HELD,
    State.OPINION_RECORDED,
    State.IMPLEMENTING,
    State.FEEDBACK_PUBLISHED,
    State.CLOSED,
)


class ConsultationQuerySet(models.QuerySet):
    def public(self) -> ConsultationQuerySet:
        """Consultations residents see (all of them: proposals are public too)."""
        return self

    def decision_overdue(self, now=None) -> ConsultationQuerySet:
        """Proposed topics whose accept/decline deadline has passed."""
        now = now or timezone.now()
        return self.filter(
            state=State.PROPOSED,
            decision_due_at__isnull=False,
            decision_due_at__lt=now,
        )


class Consultation(models.Model):
    """A consultation topic (协商议题) and its way from proposal to closure."""

    class Origin(models.TextChoices):
        COMMITTEE = "committee", _("proposed by the committee")
        PETITION = "petition", _("resident petition")

    community = models.ForeignKey(
        "communities.Community",
        on_delete=models.CASCADE,
        related_name="consultations",
        verbose_name=_("community"),
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"))
    origin = models.CharField(_("origin"), max_length=10, choices=Origin.choices)
    suggestion = models.OneToOneField(
        Suggestion,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="consultation",
        verbose_name=_("suggestion"),
    )
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.PROPOSED
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    state_changed_at = models.DateTimeField(_("state changed at"), default=timezone.now)
    # Petition topics must be accepted or declined by this time.
    decision_due_at = models.DateTimeField(_("decision due"), null=True, blank=True)
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
    overdue_notified_at = models.DateTimeField(
        _("committee told it is overdue at"), null=True, blank=True
    )
    opinion = models.TextField(_("consultation opinion"), blank=True)
    feedback = models.TextField(_("feedback on implementation"), blank=True)

    objects = ConsultationQuerySet.as_manager()

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["community", "state"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(origin="committee") | Q(suggestion__isnull=False),
                name="consultation_petition_has_suggestion",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_decision_overdue(self) -> bool:
        return (
            self.state == State.PROPOSED
            and self.decision_due_at is not None
            and self.decision_due_at < timezone.now()
        )

    def next_states(self) -> tuple[str, ...]:
        return TRANSITIONS[self.state]


class ConsultationEvent(models.Model):
    """One step of a consultation: from which state to which, by whom, when."""

    consultation = models.ForeignKey(
        Consultation,
        on_delete=models.CASCADE,
        related_name="events",
        verbose_name=_("consultation"),
    )
    from_state = models.CharField(
        _("from"), max_length=20, choices=State.choices, blank=True
    )
    to_state = models.CharField(_("to"), max_length=20, choices=State.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("consultation step")
        verbose_name_plural = _("consultation steps")
        ordering = ["at", "pk"]
        constraints = [
            # A state is entered at most once: no step is repeated.
            models.UniqueConstraint(
                fields=["consultation", "to_state"],
                name="consultation_event_state_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.consultation_id}: {self.from_state} → {self.to_state}"


# ---------------------------------------------------------------------------
# Meetings
# ---------------------------------------------------------------------------
class Meeting(models.Model):
    """A meeting (or online consultation) of a consultation, with its notice."""

    class Form(models.TextChoices):
        DELIBERATION = "deliberation", _("deliberation meeting (议事会)")
        HEARING = "hearing", _("hearing (听证会)")
        DIALOGUE = "dialogue", _("dialogue (恳谈会)")
        ASSEMBLY = "assembly", _("residents' / villagers' assembly (居民会议/村民会议)")
        REPRESENTATIVES = "representatives", _("representatives' assembly (代表会议)")
        ONLINE = "online", _("online consultation")

    class Mode(models.TextChoices):
        IN_PERSON = "in_person", _("in person")
        ONLINE = "online", _("online")
        BOTH = "both", _("in person and online")

    consultation = models.ForeignKey(
        Consultation,
        on_delete=models.CASCADE,
        related_name="meetings",
        verbose_name=_("consultation"),
    )
    community = models.ForeignKey(
        "communities.Community",
        on_delete=models.CASCADE,
        related_name="meetings",
        verbose_name=_("community"),
    )
    uid = models.UUIDField(_("calendar UID"), default=uuid.uuid4, unique=True)
    title = models.CharField(_("title"), max_length=200)
    form = models.CharField(_("form"), max_length=20, choices=Form.choices)
    mode = models.CharField(
        _("mode"), max_length=10, choices=Mode.choices, default=Mode.IN_PERSON
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    description = models.TextField(_("description"), blank=True)
    registration_open = models.BooleanField(_("open registration"), default=False)
    capacity = models.PositiveIntegerField(
        _("places for registration"),
        null=True,
        blank=True,
        help_text=_("Leave empty for no limit."),
    )
    is_emergency = models.BooleanField(_("emergency meeting"), default=False)
    emergency_reason = models.TextField(_("reason for the short notice"), blank=True)
    notice_published_at = models.DateTimeField(
        _("notice published at"), null=True, blank=True
    )
    notice_published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("notice published by"),
    )
    held_at = models.DateTimeField(_("held at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    sequence = models.PositiveIntegerField(_("calendar revision"), default=0)
    # Live meeting mode (consultation/live.py): the agenda item under discussion,
    # pushed to every participant's phone and the projector.
    current_item = models.ForeignKey(
        "AgendaItem",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("agenda item under discussion"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["community", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="consultation_meeting_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(is_emergency=False) | ~Q(emergency_reason=""),
                name="consultation_meeting_emergency_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_assembly(self) -> bool:
        return self.form == self.Form.ASSEMBLY

    @property
    def notice_published(self) -> bool:
        return self.notice_published_at is not None


class AgendaItem(models.Model):
    """One item of a meeting's agenda; a motion may be voted on it."""

    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.CASCADE,
        related_name="agenda_items",
        verbose_name=_("meeting"),
    )
    position = models.PositiveSmallIntegerField(_("position"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "position"], name="consultation_agenda_position"
            )
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"


class Participant(models.Model):
    """Someone taking part in a meeting: invited by kind, or registered openly."""

    class Kind(models.TextChoices):
        RESIDENT = "resident", _("resident")
        AFFECTED = "affected", _("affected party")
        UNIT = "unit", _("unit")
        ORGANISATION = "organisation", _("social organisation")
        EXPERT = "expert", _("expert (advisory)")

    class How(models.TextChoices):
        INVITED = "invited", _("invited")
        REGISTERED = "registered", _("registered")

    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.CASCADE,
        related_name="participants",
        verbose_name=_("meeting"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="consultation_participations",
        verbose_name=_("person"),
    )
    name = models.CharField(
        _("name"),
        max_length=120,
        blank=True,
        help_text=_("For a unit, organisation or expert without an account."),
    )
    kind = models.CharField(_("kind"), max_length=15, choices=Kind.choices)
    how = models.CharField(_("how"), max_length=10, choices=How.choices)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("added at"), default=timezone.now)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("checked in by"),
    )

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["meeting", "kind", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "user"],
                condition=Q(user__isnull=False),
                name="consultation_participant_once",
            ),
            models.CheckConstraint(
                condition=Q(user__isnull=False) | ~Q(name=""),
                name="consultation_participant_named",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.name:
            return self.name
        return str(self.user) if self.user_id else ""

    @property
    def may_vote(self) -> bool:
        """Experts are advisory and never vote."""
        return self.kind != self.Kind.EXPERT


class SpeakingRequest(models.Model):
    """A raised hand at a live meeting: waiting, then called to speak, then done.

    A person has at most one request not yet done per meeting (unique in the database).
    """

    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.CASCADE,
        related_name="speaking_requests",
        verbose_name=_("meeting"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("person"),
    )
    raised_at = models.DateTimeField(_("hand raised at"), default=timezone.now)
    called_at = models.DateTimeField(_("called to speak at"), null=True, blank=True)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)

    class Meta:
        verbose_name = _("speaking request")
        verbose_name_plural = _("speaking requests")
        ordering = ["meeting", "raised_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "user"],
                condition=Q(done_at__isnull=True),
                name="consultation_one_raised_hand",
            )
        ]

    def __str__(self) -> str:
        return f"{self.meeting_id}: {self.user_id}"


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
        OPEN = "open", _("open")
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


# Deliberation, minutes, resolutions and follow-up live in their own module.
from consultation.models_followup import (  # noqa: E402, F401
    Comment,
    CommentReport,
    FollowUpFollower,
    FollowUpItem,
    FollowUpRating,
    Milestone,
    Minutes,
    MinutesConfirmation,
    ProgressPhoto,
    ProgressUpdate,
    Resolution,
)
