"""Follow-up aid (跟进救助): after an emergency (or on any confirmed or open
case), what comes next — a 低保 application, a service referral, a charity need,
a volunteer visit — each with an owner among the case's staff and a due date,
marked done with a note, overdue when missed."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.crypto import EncryptedTextField
from assistance.cases.models import Case


class FollowUpKind(models.TextChoices):
    DIBAO = "dibao", _("低保 application")
    SERVICE = "service", _("service referral")
    CHARITY = "charity", _("charity need")
    VISIT = "visit", _("volunteer visit")
    OTHER = "other", _("other")


class FollowUpItem(models.Model):
    case = models.ForeignKey(
        Case,
        on_delete=models.CASCADE,
        related_name="follow_ups",
        verbose_name=_("case"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=FollowUpKind.choices)
    what = EncryptedTextField(_("what is to be done"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("owner"),
    )
    due_on = models.DateField(_("due on"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("planned by"),
    )
    created_at = models.DateTimeField(_("planned at"), default=timezone.now)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("done by"),
    )
    done_note = EncryptedTextField(_("what was done"), blank=True)

    class Meta:
        verbose_name = _("follow-up item")
        verbose_name_plural = _("follow-up items")
        ordering = ["case", "due_on", "pk"]
        indexes = [models.Index(fields=["done_at", "due_on"])]

    def __str__(self) -> str:
        return f"{self.case} · {self.get_kind_display()}"

    @property
    def is_done(self) -> bool:
        return self.done_at is not None

    @property
    def is_overdue(self) -> bool:
        return self.done_at is None and self.due_on < timezone.localdate()
