"""What assistance.oversight adds to the platform's registries (called from
assistance.registration.register): the dashboard section and the officers'
navigation entries."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from assistance.oversight.section import SECTION
from communities import navigation, oversight


def _sees_dashboard(user: Any, region: Any) -> bool:
    return user.is_authenticated and user.has_perm("assistance.view_dashboard", region)


def _spot_checks(user: Any, region: Any) -> bool:
    return user.is_authenticated and user.has_perm("assistance.spot_check", region)


def register() -> None:
    oversight.register(SECTION)
    navigation.register_region(
        navigation.RegionNavItem(
            key="assistance-dashboard",
            label=_("Social assistance"),
            url=lambda region: reverse("assistance:dashboard", args=[region.slug]),
            visible=_sees_dashboard,
            order=55,
        )
    )
    navigation.register_region(
        navigation.RegionNavItem(
            key="assistance-spot-checks",
            label=_("Spot checks"),
            url=lambda region: reverse("assistance:spot-checks", args=[region.slug]),
            visible=_spot_checks,
            order=58,
        )
    )


def connect() -> None:
    """Nothing to connect."""
