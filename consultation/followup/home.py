"""Follow-up items a person can rate, in "waiting for you"."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from communities.home import HomeItem
from communities.rules import is_verified_resident
from consultation.followup import selectors


def to_rate(user: Any, community: Any, limit: int) -> list[HomeItem]:
    # Rating is for verified residents (consultation.rate_followup).
    if not is_verified_resident(user, community):
        return []
    return [
        HomeItem(
            title=item.title,
            url=reverse("consultation:followup", args=[community.slug, item.pk]),
            meta=_("done: rate it"),
        )
        for item in selectors.ratable_items(user, community, limit)
    ]
