"""What pairing adds to the platform's registries, called from
`PairingConfig.ready()`: the notification kinds (a question for the home side,
an answer for the asker), the district's navigation entry, where a liaison's
post leads ("my communities" and the portal), and the demo seeder (after the
charity and volunteers demos, whose tagged projects and activities it shows)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from communities import demo as demo_registry
from communities import navigation
from communities.membership import personal
from communities.oversight.navigation import register_personal_links
from notifications import kinds
from pairing.exchange.services import KIND_ANSWER, KIND_QUESTION
from pairing.regions import demo
from pairing.regions.models import Liaison, PairedRegion
from pairing.regions.selectors import regions_of_liaison


def _adds_regions(user: Any, region: Any) -> bool:
    return user.is_authenticated and user.has_perm("pairing.add_paired_region", region)


def liaison_links(user: Any) -> list[dict[str, Any]]:
    """A liaison officer's posts lead to their region's exchange."""
    return [
        {
            "label": _("Liaison officer (paired region)"),
            "where": region.name,
            "url": reverse("pairing:exchange", args=[region.slug]),
        }
        for region in regions_of_liaison(user)
    ]


def register() -> None:
    kinds.register(KIND_QUESTION, _("Questions from a paired region"))
    kinds.register(KIND_ANSWER, _("Answers to your questions (paired regions)"))
    navigation.register_region(
        navigation.RegionNavItem(
            "pairing",
            _("Paired regions"),
            lambda r: reverse("pairing:district", args=[r.slug]),
            visible=_adds_regions,
            order=60,
        )
    )
    register_personal_links("pairing", liaison_links)
    personal.follow(Liaison, names=(PairedRegion,))  # the links above
    demo_registry.register("pairing", demo.seed, order=80)
