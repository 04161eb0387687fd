"""What assistance.emergency adds to the platform's registries (called from
assistance.registration): the dashboard section, the work list section, the
case-page panel, the navigation entries, the personal-data collector and the
demo."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts import personal_data
from assistance.cases import panels
from assistance.emergency import collectors, demo, retention, section, work
from assistance.emergency.panels import PANEL
from assistance.emergency.views import NAV_KEY, PERIODS_NAV
from assistance.privacy import anonymisers
from assistance.worklist import registry as worklist
from communities import demo as demo_registry
from communities import navigation, oversight


def _lists_aid(user: Any, scope: Any) -> bool:
    return user.is_authenticated and user.has_perm("assistance.list_advance_aid", scope)


def _sees_periods(user: Any, region: Any) -> bool:
    return user.is_authenticated and user.has_perm(
        "assistance.view_emergency_periods", region
    )


def register() -> None:
    anonymisers.register(retention.anonymise)
    oversight.register(section.SECTION)
    worklist.register(work.SECTION)
    panels.register(PANEL)
    personal_data.register_collector(
        "assistance_advance_aid", collectors.collect_advance_aid
    )
    navigation.register(
        navigation.NavItem(
            key=NAV_KEY,
            label=_("Emergency aid"),
            url=lambda c: reverse("assistance:advance-aid-list", args=[c.slug]),
            visible=_lists_aid,
            order=80,
            staff=True,
            group="assistance",
        )
    )
    navigation.register_region(
        navigation.RegionNavItem(
            key=PERIODS_NAV,
            label=_("Declared emergencies"),
            url=lambda r: reverse("assistance:emergency-periods", args=[r.slug]),
            visible=_sees_periods,
            order=57,
        )
    )
    navigation.register_region(
        navigation.RegionNavItem(
            key=NAV_KEY,
            label=_("Emergency aid"),
            url=lambda r: reverse("assistance:region-advance-aid", args=[r.slug]),
            visible=_lists_aid,
            order=56,
        )
    )
    demo_registry.register("assistance.emergency", demo.seed, order=71)


def connect() -> None:
    """Nothing to connect."""
