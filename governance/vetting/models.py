"""Joint qualification review of 两委 candidates (任职资格联审).

A district keeps its lists of reviewing departments and negative-list grounds and
its settings (how long a passed review stays current, the 一肩挑 target). A street
officer opens a review round for a community with candidates, departments and
grounds; each department's result is recorded per candidate. A candidate passes
only when every department of the round passed them. A district may record an
exception for a person instead. Written only through governance.vetting.services.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# A passed review stays current for a year after its round closed (a setting).
DEFAULT_VALIDITY_DAYS = 365
# The plan's target: the Party secretary chairs the committee (一肩挑) everywhere.
DEFAULT_ONE_SHOULDER_TARGET = 100


class VettingSettings(models.Model):
    """A district's numbers for the joint review, with defaults."""

    district = models.OneToOneField(
        "communities.Region",
        on_delete=models.CASCADE,
        related_name="vetting_settings",
        limit_choices_to={"kind": "district"},
        verbose_name=_("district"),
    )
    validity_days = models.PositiveSmallIntegerField(
        _("a passed review is current for (days after the round closed)"),
        default=DEFAULT_VALIDITY_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(1825)],
    )
    one_shoulder_target = models.PositiveSmallIntegerField(
        _("一肩挑 target (percent of communities)"),
        default=DEFAULT_ONE_SHOULDER_TARGET,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )

    class Meta:
        verbose_name = _("qualification review settings")
        verbose_name_plural = _("qualification review settings")

    def __str__(self) -> str:
        return str(self.district)


class DistrictListItem(models.Model):
    district = models.ForeignKey(
        "communities.Region",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("district"),
    )
    name = models.CharField(_("name"), max_length=80)
    order = models.PositiveSmallIntegerField(_("order"), default=100)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        abstract = True
        ordering = ["district", "order", "pk"]

    def __str__(self) -> str:
        return self.name


class ReviewDepartment(DistrictListItem):
    """A department that reviews candidates (组织部门, 公安, 法院 …)."""

    class Meta(DistrictListItem.Meta):
        verbose_name = _("reviewing department")
        verbose_name_plural = _("reviewing departments")
        constraints = [
            models.UniqueConstraint(
                fields=["district", "name"], name="vetting_one_department_name"
            )
        ]


class ReviewGround(DistrictListItem):
    """A ground of the negative list (受过刑事处罚, 被列为失信被执行人 …)."""

    class Meta(DistrictListItem.Meta):
        verbose_name = _("negative-list ground")
        verbose_name_plural = _("negative-list grounds")
        constraints = [
            models.UniqueConstraint(
                fields=["district", "name"], name="vetting_one_ground_name"
            )
        ]


class Purpose(models.TextChoices):
    GENERAL_ELECTION = "general_election", _("general election (换届选举)")
    BY_ELECTION = "by_election", _("by-election (补选)")
    APPOINTMENT = "appointment", _("appointment (任命)")


class ReviewRound(models.Model):
    """One joint review of candidates for a community, open until closed."""

    community = models.ForeignKey(
        "communities.Community",
        on_delete=models.CASCADE,
        related_name="review_rounds",
        verbose_name=_("community"),
    )
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices)
    departments = models.ManyToManyField(
        ReviewDepartment, related_name="rounds", verbose_name=_("reviewing departments")
    )
    grounds = models.ManyToManyField(
        ReviewGround, related_name="rounds", verbose_name=_("negative-list grounds")
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("opened by"),
    )
    opened_at = models.DateTimeField(_("opened"), default=timezone.now)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("closed by"),
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)

    class Meta:
        verbose_name = _("qualification review round")
        verbose_name_plural = _("qualification review rounds")
        ordering = ["-opened_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.community} · {self.get_purpose_display()}"

    @property
    def is_open(self) -> bool:
        return self.closed_on is None


class ReviewCandidate(models.Model):
    """A person under review in a round."""

    review = models.ForeignKey(
        ReviewRound,
        on_delete=models.CASCADE,
        related_name="candidates",
        verbose_name=_("review round"),
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="review_candidacies",
        verbose_name=_("person"),
    )
    added_at = models.DateTimeField(_("added"), default=timezone.now)

    class Meta:
        verbose_name = _("candidate")
        verbose_name_plural = _("candidates")
        ordering = ["review", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["review", "person"], name="vetting_candidate_once_per_round"
            )
        ]

    def __str__(self) -> str:
        return self.person.public_name


class ReviewResult(models.Model):
    """One department's result for one candidate: pass, or fail with a ground."""

    candidate = models.ForeignKey(
        ReviewCandidate,
        on_delete=models.CASCADE,
        related_name="results",
        verbose_name=_("candidate"),
    )
    department = models.ForeignKey(
        ReviewDepartment,
        on_delete=models.PROTECT,
        related_name="results",
        verbose_name=_("department"),
    )
    passed = models.BooleanField(_("passed"))
    ground = models.ForeignKey(
        ReviewGround,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="results",
        verbose_name=_("ground"),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        verbose_name = _("department result")
        verbose_name_plural = _("department results")
        constraints = [
            models.UniqueConstraint(
                fields=["candidate", "department"],
                name="vetting_one_result_per_department",
            ),
            models.CheckConstraint(
                condition=Q(passed=True, ground__isnull=True)
                | Q(passed=False, ground__isnull=False),
                name="vetting_fail_has_a_ground",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.candidate} · {self.department}"


class ReviewException(models.Model):
    """The district's recorded exception: this person may hold a 两委 term in this
    community without a passed review."""

    community = models.ForeignKey(
        "communities.Community",
        on_delete=models.CASCADE,
        related_name="vetting_exceptions",
        verbose_name=_("community"),
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="vetting_exceptions",
        verbose_name=_("person"),
    )
    reason = models.TextField(_("reason"), max_length=1000)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    granted_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        verbose_name = _("review exception")
        verbose_name_plural = _("review exceptions")
        ordering = ["-granted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "person"], name="vetting_one_exception"
            )
        ]

    def __str__(self) -> str:
        return f"{self.community} · {self.person.public_name}"
