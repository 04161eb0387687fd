"""What governance.vetting adds to the platform's registries (called from
governance.registration.register): the officers' region navigation, the
dashboard section and the demo seeder (before the bodies' demo terms, which need
a passed review)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from communities import demo as demo_registry
from communities import navigation
from communities import oversight as dashboards
from governance.vetting import demo
from governance.vetting import oversight as vetting_oversight


def _sees_rounds(user: Any, region: Any) -> bool:
    return user.is_authenticated and user.has_perm(
        "governance.view_review_rounds", region
    )


def _configures(user: Any, region: Any) -> bool:
    return user.is_authenticated and user.has_perm(
        "governance.configure_vetting", region
    )


def register() -> None:
    navigation.register_region(
        navigation.RegionNavItem(
            key="vetting",
            label=_("Qualification review"),
            url=lambda region: reverse("governance:review-rounds", args=[region.slug]),
            visible=_sees_rounds,
            order=30,
        )
    )
    navigation.register_region(
        navigation.RegionNavItem(
            key="vetting-config",
            label=_("Review settings and exceptions"),
            url=lambda region: reverse("governance:vetting-config", args=[region.slug]),
            visible=_configures,
            order=31,
        )
    )
    dashboards.register(vetting_oversight.SECTION)
    demo_registry.register("governance.vetting", demo.seed, order=9)
