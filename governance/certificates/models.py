"""Certificates the committee may issue (出具证明): each district's allowed list of
certificate types, residents' requests with their evidence, and the certificate
itself (frozen text, serial number, issue date, issuer) on the issued request.

The national "must not issue" list is data, not rows (`governance.certificates.data`).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

DEFAULT_TIME_LIMIT_DAYS = 3


def private_storage():
    """Evidence is private: served only through a permission-checked view."""
    return storages["private"]


class CertificateType(models.Model):
    """One certificate a district allows its 居/村委会 to issue."""

    district = models.ForeignKey(
        "communities.Region",
        on_delete=models.CASCADE,
        related_name="certificate_types",
        verbose_name=_("district"),
    )
    name = models.CharField(_("name"), max_length=100)
    legal_basis = models.TextField(_("legal basis"))
    purpose = models.TextField(_("purpose"))
    procedure = models.TextField(_("procedure"))
    evidence = models.TextField(_("required evidence"))
    template = models.TextField(_("template text"))
    time_limit_days = models.PositiveSmallIntegerField(
        _("time limit (working days)"), default=DEFAULT_TIME_LIMIT_DAYS
    )
    is_active = models.BooleanField(_("active"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("certificate type")
        verbose_name_plural = _("certificate types")
        ordering = ["district", "order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["district", "name"], name="gov_certtype_unique_name"
            ),
            models.CheckConstraint(
                condition=Q(time_limit_days__gte=1, time_limit_days__lte=60),
                name="gov_certtype_time_limit_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class CertificateRequest(models.Model):
    """A resident's request; once issued it holds the certificate itself."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("submitted")
        ISSUED = "issued", _("issued")
        REFUSED = "refused", _("refused")

    community = models.ForeignKey(
        "communities.Community",
        on_delete=models.CASCADE,
        related_name="certificate_requests",
        verbose_name=_("community"),
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="certificate_requests",
        verbose_name=_("applicant"),
    )
    certificate_type = models.ForeignKey(
        CertificateType,
        on_delete=models.PROTECT,
        related_name="requests",
        verbose_name=_("certificate type"),
    )
    person_name = models.CharField(_("name on the certificate"), max_length=60)
    purpose = models.CharField(_("purpose"), max_length=300)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SUBMITTED
    )
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    due_on = models.DateField(_("due on"))
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("handled by"),
    )
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)
    refusal_reason = models.TextField(_("reason for refusal"), blank=True)
    # The certificate (frozen when issued).
    serial = models.CharField(
        _("serial number"), max_length=32, unique=True, null=True, blank=True
    )
    issued_on = models.DateField(_("issue date"), null=True, blank=True)
    type_name = models.CharField(_("certificate"), max_length=100, blank=True)
    issuer = models.CharField(_("issuer"), max_length=200, blank=True)
    text = models.TextField(_("certificate text"), blank=True)
    overdue_notified_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("certificate request")
        verbose_name_plural = _("certificate requests")
        ordering = ["-submitted_at", "-pk"]
        indexes = [
            models.Index(
                fields=["community", "status", "due_on"], name="gov_certreq_queue"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="issued", serial__isnull=False)
                | ~Q(status="issued"),
                name="gov_certreq_issued_has_serial",
            ),
            models.CheckConstraint(
                condition=~Q(status="refused") | ~Q(refusal_reason=""),
                name="gov_certreq_refused_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.certificate_type_id}:{self.pk}"

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.status == self.Status.SUBMITTED and self.due_on < today


class CertificateEvidence(models.Model):
    """A document the resident uploaded with the request (private)."""

    request = models.ForeignKey(
        CertificateRequest,
        on_delete=models.CASCADE,
        related_name="evidence",
        verbose_name=_("certificate request"),
    )
    file = models.FileField(
        _("file"), upload_to="certificates/%Y/%m/", storage=private_storage
    )
    original_name = models.CharField(_("file name"), max_length=200, blank=True)
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["request", "pk"]

    def __str__(self) -> str:
        return self.original_name or self.file.name.rsplit("/", 1)[-1]
