"""What assistance.standards adds to the platform's registries (called from
assistance.registration.register)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from assistance.standards.models import AssistanceSettings, Standard
from communities import navigation
from communities.cache import invalidate_on_change


def _manages(user: Any, region: Any) -> bool:
    return user.is_authenticated and user.has_perm(
        "assistance.manage_standards", region
    )


def register() -> None:
    navigation.register_region(
        navigation.RegionNavItem(
            key="assistance-standards",
            label=_("Assistance standards"),
            url=lambda region: reverse(
                "assistance:manage-standards", args=[region.slug]
            ),
            visible=_manages,
            order=60,
        )
    )


def connect() -> None:
    invalidate_on_change(Standard, AssistanceSettings, uid="assistance.standards")
