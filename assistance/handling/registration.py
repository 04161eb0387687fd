"""What assistance.handling adds to the platform's registries (called from
assistance.registration.register): the staff notification kind, the case lists
in the community and region navigation, and the desk's case-page panels."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from assistance.cases import panels
from assistance.handling import demo
from assistance.handling import panels as desk_panels
from assistance.handling.pages import NAV_KEY
from assistance.handling.services import KIND_CASE_SUBMITTED, KIND_CASE_SUBMITTED_LABEL
from communities import demo as demo_registry
from communities import navigation
from communities.models import Role
from communities.oversight.navigation import GrantLink, register_grant_link
from notifications import kinds


def _lists_cases(user: Any, scope: Any) -> bool:
    return user.is_authenticated and user.has_perm("assistance.list_cases", scope)


def register() -> None:
    kinds.register(KIND_CASE_SUBMITTED, KIND_CASE_SUBMITTED_LABEL)
    navigation.register(
        navigation.NavItem(
            key=NAV_KEY,
            label=_("Assistance cases"),
            url=lambda c: reverse("assistance:cases", args=[c.slug]),
            visible=_lists_cases,
            order=80,
            staff=True,
            group="assistance",
        )
    )
    navigation.register_region(
        navigation.RegionNavItem(
            key=NAV_KEY,
            label=_("Assistance cases"),
            url=lambda r: reverse("assistance:region-cases", args=[r.slug]),
            visible=_lists_cases,
            order=40,
        )
    )
    for panel in desk_panels.PANELS:
        panels.register(panel)
    _grant_links()
    demo_registry.register("assistance", demo.seed, order=70)


def _grant_links() -> None:
    """Assistance staff work on their case lists, not the region overview."""
    register_grant_link(
        GrantLink(
            Role.AID_COORDINATOR,
            _("Assistance cases"),
            lambda grant: reverse("assistance:cases", args=[grant.community.slug]),
        )
    )
    for role in (Role.AID_OFFICER, Role.AID_SUPERVISOR):
        register_grant_link(
            GrantLink(
                role,
                _("Assistance cases"),
                lambda grant: reverse(
                    "assistance:region-cases", args=[grant.region.slug]
                ),
            )
        )


def connect() -> None:
    """Nothing to connect."""
