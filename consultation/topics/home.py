"""Consultations on the community home; suggestions and supports on "mine"."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from communities.home import HomeItem
from consultation.topics import selectors


def collecting(community: Any, limit: int) -> list[HomeItem]:
    return [
        HomeItem(
            title=consultation.title,
            url=reverse("consultation:detail", args=[community.slug, consultation.pk]),
            meta=consultation.get_state_display(),
        )
        for consultation in selectors.collecting_opinions(community, limit)
    ]


def my_suggestions(user: Any, limit: int) -> list[HomeItem]:
    """The person's own suggestions, then those they support (up to `limit`)."""
    items = [
        HomeItem(
            title=suggestion.title,
            url=reverse(
                "consultation:suggestion",
                args=[suggestion.community.slug, suggestion.pk],
            ),
            meta=_("%(community)s · your suggestion · %(status)s · %(count)s supports")
            % {
                "community": suggestion.community.name,
                "status": suggestion.get_status_display(),
                "count": suggestion.support_count,
            },
        )
        for suggestion in selectors.my_suggestions(user, limit)
    ]
    for support in selectors.my_supports(user, limit):
        suggestion = support.suggestion
        items.append(
            HomeItem(
                title=suggestion.title,
                url=reverse(
                    "consultation:suggestion",
                    args=[suggestion.community.slug, suggestion.pk],
                ),
                meta=_("%(community)s · you support it · %(status)s")
                % {
                    "community": suggestion.community.name,
                    "status": suggestion.get_status_display(),
                },
            )
        )
    return items[:limit]
