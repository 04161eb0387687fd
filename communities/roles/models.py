"""Roles granted explicitly, for a community, a street/district or the platform.
Resident and household representative come from memberships."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from communities.regions.models import Community, Region


class Role(models.TextChoices):
    """Roles granted explicitly. Resident and household representative come from Membership."""

    COMMITTEE = "committee", _("committee member")
    SUPERVISION = "supervision", _("supervision committee member")
    COORDINATOR = "coordinator", _("volunteer coordinator")
    CHARITY_MANAGER = "charity_manager", _("charity manager")
    STREET_OFFICER = "street_officer", _("street / town officer")
    DISTRICT_OFFICER = "district_officer", _("district officer")
    # Social assistance (社会救助): the community's 救助协理员, the street/town's
    # assistance officer (审核确认 devolved to 街镇) and the district's supervisor (区民政).
    AID_COORDINATOR = "aid_coordinator", _("assistance coordinator")
    AID_OFFICER = "aid_officer", _("street assistance officer")
    AID_SUPERVISOR = "aid_supervisor", _("district assistance supervisor")
    PLATFORM_ADMIN = "platform_admin", _("platform admin")


COMMUNITY_ROLES = {
    Role.COMMITTEE,
    Role.SUPERVISION,
    Role.COORDINATOR,
    Role.CHARITY_MANAGER,
    Role.AID_COORDINATOR,
}
REGION_ROLES = {
    Role.STREET_OFFICER,
    Role.DISTRICT_OFFICER,
    Role.AID_OFFICER,
    Role.AID_SUPERVISOR,
}
# Granted for a street/town; the other region roles for a district.
STREET_ROLES = {Role.STREET_OFFICER, Role.AID_OFFICER}
# Holding any of these requires TOTP two-factor authentication before the rights apply.
MFA_REQUIRED_ROLES = {
    Role.COMMITTEE,
    Role.SUPERVISION,
    Role.STREET_OFFICER,
    Role.DISTRICT_OFFICER,
    Role.AID_COORDINATOR,
    Role.AID_OFFICER,
    Role.AID_SUPERVISOR,
    Role.PLATFORM_ADMIN,
}


class RoleGrantQuerySet(models.QuerySet):
    def active(self, on: datetime.date | None = None) -> RoleGrantQuerySet:
        """Grants in force on a day: started, not ended, not revoked."""
        on = on or timezone.localdate()
        return self.filter(
            Q(starts_on__lte=on),
            Q(ends_on__isnull=True) | Q(ends_on__gte=on),
            revoked_at__isnull=True,
        )


class RoleGrant(models.Model):
    """A role given to a person for a community (or a street/district for officers).

    Created and revoked only through `communities.services`, which audits both.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="role_grants",
        verbose_name=_("person"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    community = models.ForeignKey(
        Community,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="role_grants",
        verbose_name=_("community"),
    )
    region = models.ForeignKey(
        Region,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="role_grants",
        verbose_name=_("street or district"),
    )
    starts_on = models.DateField(_("starts on"), default=timezone.localdate)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("granted by"),
    )
    granted_at = models.DateTimeField(_("granted at"), default=timezone.now)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revoked by"),
    )

    objects = RoleGrantQuerySet.as_manager()

    class Meta:
        verbose_name = _("role grant")
        verbose_name_plural = _("role grants")
        ordering = ["-granted_at"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        role__in=[
                            "committee",
                            "supervision",
                            "coordinator",
                            "charity_manager",
                            "aid_coordinator",
                        ],
                        community__isnull=False,
                        region__isnull=True,
                    )
                    | Q(
                        role__in=[
                            "street_officer",
                            "district_officer",
                            "aid_officer",
                            "aid_supervisor",
                        ],
                        community__isnull=True,
                        region__isnull=False,
                    )
                    | Q(
                        role="platform_admin",
                        community__isnull=True,
                        region__isnull=True,
                    )
                ),
                name="communities_rolegrant_scope_matches_role",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="communities_rolegrant_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        scope = self.community or self.region or _("platform")
        return f"{self.user} · {self.get_role_display()} · {scope}"

    def clean(self) -> None:
        if self.role in COMMUNITY_ROLES and not self.community_id:
            raise ValidationError(
                {"community": _("This role is granted for a community.")}
            )
        if self.role in REGION_ROLES and not self.region_id:
            raise ValidationError(
                {"region": _("This role is granted for a street or district.")}
            )
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            raise ValidationError(
                {"ends_on": _("The end date must not be before the start.")}
            )
