"""Votes on the community home, in "waiting for you" and on "mine"."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from communities.home import HomeItem
from consultation.votes import selectors


def _motion_url(motion: Any, slug: str) -> str:
    return reverse("consultation:motion", args=[slug, motion.pk])


def open_votes(community: Any, limit: int) -> list[HomeItem]:
    return [
        HomeItem(
            title=motion.title,
            url=_motion_url(motion, community.slug),
            meta=_("secret ballot") if motion.is_secret else "",
        )
        for motion in selectors.open_motions(community, limit)
    ]


def votes_to_cast(user: Any, community: Any, limit: int) -> list[HomeItem]:
    return [
        HomeItem(
            title=motion.title,
            url=_motion_url(motion, community.slug),
            meta=_("you have not voted yet"),
        )
        for motion in selectors.motions_awaiting(user, community, limit)
    ]


def my_votes(user: Any, limit: int) -> list[HomeItem]:
    """Open ballots only: what the person chose, never anything of a secret vote."""
    items = []
    for ballot in selectors.my_open_ballots(user, limit):
        motion = ballot.motion
        chosen = "、".join(choice.option.label for choice in ballot.choices.all())
        items.append(
            HomeItem(
                title=motion.title,
                url=_motion_url(motion, motion.community.slug),
                meta=_("%(community)s · you chose: %(choice)s")
                % {"community": motion.community.name, "choice": chosen},
            )
        )
    return items
