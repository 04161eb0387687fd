"""Reads of a paired region's exchange: what the public sees and the internal
workspace of its liaisons and the district's officers."""

from __future__ import annotations

from pairing.exchange.models import Question, StaffExchange, Update
from pairing.regions.models import PairedRegion

PUBLIC_UPDATES = 20


def public_updates(region: PairedRegion) -> list[Update]:
    return list(
        Update.objects.filter(paired_region=region, is_public=True)[:PUBLIC_UPDATES]
    )


def internal_posts(region: PairedRegion, kind: str) -> list[Update]:
    return list(Update.objects.filter(paired_region=region, kind=kind)[:50])


def questions(region: PairedRegion) -> list[Question]:
    return list(Question.objects.filter(paired_region=region)[:50])


def staff_exchanges(region: PairedRegion) -> list[StaffExchange]:
    """The latest 50 staff exchanges (as the posts and questions)."""
    return list(StaffExchange.objects.filter(paired_region=region)[:50])
