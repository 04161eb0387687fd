"""Publishing a resolution to the community's disclosure board (governance app).

The consultation app never imports governance internals: it calls ONE service the
governance app exposes:

    governance.services.publish_consultation_resolution(
        *,
        community: Community,
        title: str,
        text: str,          # the resolution (plain text)
        url: str,           # path of the resolution page in this app
        adopted_at: datetime,
        source: Resolution, # for a generic link back, if governance wants one
    ) -> object            # what was published; its `get_url()`, `url` or `pk`
                            # is kept as the reference

When the service fails, the resolution stays `pending`; `publish_pending()`
(hourly) tries again.
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from consultation.followup.models import Resolution
from governance.disclosures.services.resolutions import (
    publish_consultation_resolution,
)

logger = logging.getLogger(__name__)


def _governance_service():
    """The one service governance exposes for this (a seam the tests replace)."""

    return publish_consultation_resolution


def _reference(published: Any) -> str:
    for attribute in ("get_url", "url"):
        value = getattr(published, attribute, None)
        if callable(value):
            value = value()
        if value:
            return str(value)[:300]
    pk = getattr(published, "pk", None)
    return str(pk if pk is not None else published or "")[:300]


def publish_resolution(resolution: Resolution) -> bool:
    """Publish through governance if it can; otherwise leave it pending. True if published."""
    if resolution.publication == Resolution.Publication.PUBLISHED:
        return True
    service = _governance_service()
    if service is None:
        return False
    try:
        with transaction.atomic():
            published = service(
                community=resolution.community,
                title=resolution.title,
                text=resolution.text,
                url=reverse(
                    "consultation:resolution",
                    args=[resolution.community.slug, resolution.pk],
                ),
                adopted_at=resolution.adopted_at,
                source=resolution,
            )
            resolution.publication = Resolution.Publication.PUBLISHED
            resolution.published_at = timezone.now()
            resolution.publication_ref = _reference(published)
            resolution.save(
                update_fields=["publication", "published_at", "publication_ref"]
            )
    except Exception:  # governance failing must not undo the confirmation
        logger.exception("Publishing resolution %s failed; kept pending", resolution.pk)
        resolution.refresh_from_db()
        return False
    return True


def publish_pending() -> int:
    """Retry every pending resolution (periodic job). Returns how many went out."""
    if _governance_service() is None:
        return 0
    published = 0
    for resolution in Resolution.objects.filter(
        publication=Resolution.Publication.PENDING
    ).select_related("community"):
        published += publish_resolution(resolution)
    return published
