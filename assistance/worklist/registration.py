"""What assistance.worklist adds to the platform's registries: the work list in
the community navigation of those who may list the community's cases."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from assistance.oversight import section as assistance_section
from assistance.worklist.views import NAV_KEY
from communities import desk, navigation
from communities.models import Role


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
            staff=True,
            group="assistance",
        )
    )
    register_desk()


def connect() -> None:
    """Nothing to connect."""


# ---------------------------------------------------------------------------
# Work desk (communities.desk): the work list's count, and officers' overdue cases
# ---------------------------------------------------------------------------
def register_desk() -> None:
    desk.register(
        desk.DeskTask(
            key="assistance.work",
            label=_("Assistance work list"),
            group=desk.Group.ASSISTANCE,
            roles={Role.AID_COORDINATOR},
            count=desk.from_section(
                assistance_section.per_community,
                waiting="assistance_open",
                urgent="assistance_overdue",
                link="",
            ),
            url=lambda c: reverse("assistance:work", args=[c.slug]),
            order=10,
        )
    )
    desk.register(
        desk.DeskTask(
            key="assistance.region_cases",
            label=_("Assistance cases in your communities"),
            group=desk.Group.OFFICER,
            roles={Role.AID_OFFICER, Role.AID_SUPERVISOR},
            count=desk.from_section(
                assistance_section.per_community,
                waiting="assistance_open",
                urgent="assistance_overdue",
                link="",
            ),
            url=lambda region: assistance_section.cases_url(region=region.slug),
            per_region=True,
            order=30,
        )
    )
