"""What assistance.applications adds to the platform's registries (called from
assistance.registration.register): the community's "social assistance" entry and the applications on "mine"."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from assistance.applications import home as applications_home
from communities import home, navigation
from communities.home import MineBlock
from communities.navigation import NavItem


def register() -> None:
    navigation.register(
        NavItem(
            "assistance",
            _("Social assistance"),
            lambda c: reverse("assistance:community", args=[c.slug]),
            order=60,
        )
    )
    home.register_mine(
        MineBlock(
            "assistance",
            _("My applications for social assistance"),
            applications_home.my_applications,
            more_url=lambda user: reverse("assistance:my-cases"),
            empty=_("No application yet."),
            order=70,
        )
    )


def connect() -> None:
    """Nothing to connect."""
