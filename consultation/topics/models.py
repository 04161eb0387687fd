"""Topics: resident suggestions and their supports, and the consultation itself with
its states (`State`, `TRANSITIONS`, `CHAIN`) and the log of its steps.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Deliberation, minutes, resolutions and follow-up live in their own module.


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
