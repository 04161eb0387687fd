"""Cache invalidation: consultation content shown on public pages changed."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save

from communities.cache import bump_generation


def connect() -> None:
    """Called from ConsultationConfig.ready(). Ballots do not bump: the vote page
    is not cached."""
    from consultation.models import (
        AgendaItem,
        Consultation,
        ConsultationEvent,
        Meeting,
        Motion,
        Participant,
        Suggestion,
        Support,
    )

    for model in (
        AgendaItem,
        Consultation,
        ConsultationEvent,
        Meeting,
        Motion,
        Participant,
        Suggestion,
        Support,
    ):
        post_save.connect(
            bump_generation,
            sender=model,
            dispatch_uid=f"gz_cache_save_consultation_{model.__name__}",
        )
        post_delete.connect(
            bump_generation,
            sender=model,
            dispatch_uid=f"gz_cache_delete_consultation_{model.__name__}",
        )
