"""What assistance.worklist adds to the platform's registries: the work list in
the community navigation of those who may list the community's cases."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from assistance.worklist.views import NAV_KEY
from communities import navigation


def _lists_cases(user: Any, scope: Any) -> bool:
    return user.is_authenticated and user.has_perm("assistance.list_cases", scope)


def register() -> None:
    navigation.register(
        navigation.NavItem(
            key=NAV_KEY,
            label=_("Assistance work list"),
            url=lambda c: reverse("assistance:work", args=[c.slug]),
            visible=_lists_cases,
            order=79,
        )
    )


def connect() -> None:
    """Nothing to connect."""
