"""Information exchange of a paired region: updates (信息互通, public or internal)
and situation feedback (情况反馈, always internal), questions from the receiving
side with the home side's answer, and staff exchanges (干部交流)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pairing.regions.models import PairedRegion


class Update(models.Model):
    class Kind(models.TextChoices):
        UPDATE = "update", _("update")
        FEEDBACK = "feedback", _("situation feedback")

    paired_region = models.ForeignKey(
        PairedRegion,
        on_delete=models.CASCADE,
        related_name="updates",
        verbose_name=_("paired region"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"))
    attachment = models.FileField(
        _("attachment"), upload_to="pairing/attachments/%Y/%m/", blank=True
    )
    is_public = models.BooleanField(_("public"), default=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("author"),
    )
    author_name = models.CharField(_("posted by"), max_length=100)
    created_at = models.DateTimeField(_("posted at"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("update")
        verbose_name_plural = _("updates")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="update") | Q(is_public=False),
                name="pairing_feedback_is_internal",
            )
        ]

    def __str__(self) -> str:
        return self.title


class Question(models.Model):
    """A question from the receiving side, answered by the home side."""

    paired_region = models.ForeignKey(
        PairedRegion,
        on_delete=models.CASCADE,
        related_name="questions",
        verbose_name=_("paired region"),
    )
    title = models.CharField(_("question"), max_length=200)
    body = models.TextField(_("details"))
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("asked by"),
    )
    asked_at = models.DateTimeField(_("asked at"), default=timezone.now)
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        ordering = ["-asked_at", "-pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return self.title


class StaffExchange(models.Model):
    class Direction(models.TextChoices):
        OUTWARD = "outward", _("our staff to the receiving side")
        INWARD = "inward", _("their staff to our district")

    paired_region = models.ForeignKey(
        PairedRegion,
        on_delete=models.CASCADE,
        related_name="staff_exchanges",
        verbose_name=_("paired region"),
    )
    people = models.CharField(
        _("people"), max_length=300, help_text=_("Names and posts of those exchanged.")
    )
    direction = models.CharField(
        _("direction"), max_length=10, choices=Direction.choices
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    purpose = models.TextField(_("purpose"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        ordering = ["-starts_on", "-pk"]
        verbose_name = _("staff exchange")
        verbose_name_plural = _("staff exchanges")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="pairing_exchange_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.people
