"""Service-type assistance (服务类救助): social-work organisations (社会工作服务机构)
and their social workers, referrals of a case for a service with visits and an
outcome, government-purchased service contracts (政府购买服务), and the links
from a case to the help it asked of the charity and volunteers apps (kept here,
for staff only: those apps never learn which household a need or visit is for).

A social worker is not a communities Role: their rights come from the referrals
assigned to them (`assistance.referrals.rules`).
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.crypto import EncryptedTextField
from assistance.cases.models import Case
from charity.models import validate_credit_code
from communities.models import Community, Region


class Service(models.TextChoices):
    COUNSELLING = "counselling", _("psychological counselling (心理辅导)")
    INTEGRATION = "integration", _("social integration (社会融入)")
    RESOURCES = "resources", _("resource linking (资源链接)")
    CARE = "care", _("care (照料)")
    EMPLOYMENT = "employment", _("employment support (就业帮扶)")
    OTHER = "other", _("other service")


class SocialWorkOrganisation(models.Model):
    """A social-work organisation registered by a street or the district."""

    name = models.CharField(_("name"), max_length=120)
    credit_code = models.CharField(
        _("unified social credit code"),
        max_length=18,
        unique=True,
        validators=[validate_credit_code],
    )
    registration = models.CharField(
        _("registration and credentials"),
        max_length=300,
        help_text=_("For example the registration certificate (登记证书) number."),
    )
    district = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("district"),
    )
    # The street that registered it (empty when the district did).
    street = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registered by the street"),
    )
    areas = models.ManyToManyField(
        Community,
        blank=True,
        related_name="+",
        verbose_name=_("service areas"),
    )
    contact_name = models.CharField(_("contact person"), max_length=60)
    contact_phone = models.CharField(_("contact phone"), max_length=30)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("registered at"), default=timezone.now)

    class Meta:
        verbose_name = _("social-work organisation")
        verbose_name_plural = _("social-work organisations")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class Qualification(models.TextChoices):
    ASSISTANT = "assistant", _("assistant social worker (助理社会工作师)")
    SOCIAL_WORKER = "social_worker", _("social worker (社会工作师)")
    SENIOR = "senior", _("senior social worker (高级社会工作师)")


class SocialWorker(models.Model):
    organisation = models.ForeignKey(
        SocialWorkOrganisation,
        on_delete=models.CASCADE,
        related_name="workers",
        verbose_name=_("organisation"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="social_work_posts",
        verbose_name=_("account"),
    )
    qualification = models.CharField(
        _("professional qualification (社会工作者职业资格)"),
        max_length=16,
        choices=Qualification.choices,
    )
    certificate_number = models.CharField(_("certificate number"), max_length=40)
    is_lead = models.BooleanField(_("lead worker"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    added_at = models.DateTimeField(_("added at"), default=timezone.now)

    class Meta:
        verbose_name = _("social worker")
        verbose_name_plural = _("social workers")
        ordering = ["organisation", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "user"],
                name="assistance_social_worker_once",
                violation_error_message=_(
                    "This person is already a worker of the organisation."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.organisation}"


class Referral(models.Model):
    class Status(models.TextChoices):
        REFERRED = "referred", _("referred")
        ACCEPTED = "accepted", _("accepted")
        IN_PROGRESS = "in_progress", _("in progress")
        COMPLETED = "completed", _("completed")
        DECLINED = "declined", _("declined")

    class Outcome(models.TextChoices):
        ACHIEVED = "achieved", _("achieved")
        PARTLY = "partly", _("partly achieved")
        NOT_ACHIEVED = "not_achieved", _("not achieved")

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="referrals", verbose_name=_("case")
    )
    service = models.CharField(_("service"), max_length=12, choices=Service.choices)
    organisation = models.ForeignKey(
        SocialWorkOrganisation,
        on_delete=models.PROTECT,
        related_name="referrals",
        verbose_name=_("organisation"),
    )
    worker = models.ForeignKey(
        SocialWorker,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referrals",
        verbose_name=_("social worker"),
    )
    note = EncryptedTextField(_("referral note for the social worker"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.REFERRED
    )
    decline_reason = models.CharField(
        _("reason for declining"), max_length=300, blank=True
    )
    outcome = models.CharField(
        _("outcome"), max_length=12, choices=Outcome.choices, blank=True
    )
    outcome_summary = EncryptedTextField(_("summary of the outcome"), blank=True)
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("referred by"),
    )
    referred_at = models.DateTimeField(_("referred at"), default=timezone.now)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("service referral")
        verbose_name_plural = _("service referrals")
        ordering = ["-referred_at", "-pk"]
        indexes = [
            models.Index(fields=["organisation", "status", "closed_at"]),
            models.Index(fields=["case", "status"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="completed") | Q(outcome=""),
                name="assistance_referral_outcome_when_completed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case} · {self.get_service_display()}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_REFERRAL


OPEN_REFERRAL = (
    Referral.Status.REFERRED,
    Referral.Status.ACCEPTED,
    Referral.Status.IN_PROGRESS,
)


class ReferralVisit(models.Model):
    referral = models.ForeignKey(
        Referral,
        on_delete=models.CASCADE,
        related_name="visits",
        verbose_name=_("referral"),
    )
    visited_on = models.DateField(_("date of the visit"))
    minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), validators=[MinValueValidator(1)]
    )
    notes = EncryptedTextField(_("what was done"))
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("social worker"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        verbose_name = _("service visit")
        verbose_name_plural = _("service visits")
        ordering = ["referral", "visited_on", "pk"]

    def __str__(self) -> str:
        return f"{self.referral} · {self.visited_on:%Y-%m-%d}"


class ServiceContract(models.Model):
    """A government-purchased service contract (政府购买服务) of a street or district."""

    organisation = models.ForeignKey(
        SocialWorkOrganisation,
        on_delete=models.PROTECT,
        related_name="contracts",
        verbose_name=_("organisation"),
    )
    buyer = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("buyer (street or district)"),
    )
    title = models.CharField(_("contract"), max_length=200)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    budget = models.DecimalField(
        _("budget (yuan)"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(0)],
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        verbose_name = _("purchased-service contract")
        verbose_name_plural = _("purchased-service contracts")
        ordering = ["-starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="assistance_contract_period",
                violation_error_message=_("The end cannot be before the start."),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class ContractItem(models.Model):
    class Unit(models.TextChoices):
        CASES = "cases", _("cases completed")
        VISITS = "visits", _("visits")

    contract = models.ForeignKey(
        ServiceContract,
        on_delete=models.CASCADE,
        related_name="items",
        verbose_name=_("contract"),
    )
    service = models.CharField(_("service"), max_length=12, choices=Service.choices)
    unit = models.CharField(_("counted in"), max_length=8, choices=Unit.choices)
    quantity = models.PositiveIntegerField(
        _("contracted"), validators=[MinValueValidator(1)]
    )

    class Meta:
        verbose_name = _("contracted service")
        verbose_name_plural = _("contracted services")
        ordering = ["contract", "service", "unit"]
        constraints = [
            models.UniqueConstraint(
                fields=["contract", "service", "unit"],
                name="assistance_contract_item_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.contract} · {self.service} · {self.quantity} {self.unit}"


class CaseLink(models.Model):
    """Help asked of another app for a case (a charity need, a volunteer visit
    request), by the other app's object id: the link lives only here."""

    class Kind(models.TextChoices):
        CHARITY_NEED = "charity_need", _("charity need")
        VOLUNTEER_VISIT = "volunteer_visit", _("volunteer visit request")

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="links", verbose_name=_("case")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    target_id = models.PositiveBigIntegerField(_("id in the other app"))
    label = models.CharField(_("what was asked"), max_length=200)
    url = models.CharField(_("page"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("asked at"), default=timezone.now)

    class Meta:
        verbose_name = _("help asked for a case")
        verbose_name_plural = _("help asked for cases")
        ordering = ["case", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "target_id"], name="assistance_case_link_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.case} · {self.label}"
