"""What assistance.applications adds to the platform's registries (called from
assistance.registration.register): the community's "social assistance" entry."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from communities import navigation
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


def connect() -> None:
    """Nothing to connect."""
