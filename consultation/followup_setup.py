"""Registrations of deliberation and follow-up, called from ConsultationConfig.ready().

Notification kinds, the hourly jobs, the oversight section "followups", cache
invalidation and the automatic drafting of minutes (when a meeting is recorded
as held, and when one of its votes closes).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db.models import Count, Q
from django.db.models.signals import post_delete, post_save
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

KINDS = (
    ("consultation.comment_reported", _("A consultation comment was reported")),
    ("consultation.comment_hidden", _("Your consultation comment was hidden")),
    ("consultation.minutes_to_confirm", _("Minutes of a meeting wait for you")),
    ("consultation.followup_assigned", _("You own a follow-up item")),
    ("consultation.followup_update", _("Progress on a follow-up you follow")),
    ("consultation.followup_closed", _("A follow-up is done: rate it")),
)


def _draft_on_held(sender: Any, instance: Any, update_fields=None, **kwargs) -> None:
    if instance.held_at is not None and (
        update_fields is None or "held_at" in update_fields
    ):
        from consultation.followup import draft_minutes

        draft_minutes(instance)


def _draft_on_vote_closed(
    sender: Any, instance: Any, update_fields=None, **kwargs
) -> None:
    if instance.status == instance.Status.CLOSED and (
        update_fields is None or "result" in update_fields
    ):
        from consultation.followup import draft_minutes
        from consultation.models import Meeting

        meeting = Meeting.objects.select_related("community").get(
            pk=instance.agenda_item.meeting_id
        )
        draft_minutes(meeting)


def _counts(communities: Any) -> dict[int, dict[str, int]]:
    from consultation.models import FollowUpItem

    today = timezone.localdate()
    rows = (
        FollowUpItem.objects.open()
        .filter(community__in=communities)
        .values("community")
        .annotate(
            open=Count("pk"),
            overdue=Count("pk", filter=Q(due_on__lt=today)),
        )
    )
    return {r["community"]: {"open": r["open"], "overdue": r["overdue"]} for r in rows}


def _figures(community_slug: str | None, counts: dict[str, int]) -> list[Any]:
    from communities.oversight import Figure

    url = ""
    if community_slug:
        url = reverse("consultation:followups", args=[community_slug])
    return [
        Figure(key="open", label=_("open follow-ups"), count=counts["open"], url=url),
        Figure(
            key="overdue",
            label=_("overdue follow-ups"),
            count=counts["overdue"],
            url=f"{url}?status=overdue" if url else "",
            tone="bad" if counts["overdue"] else "ok",
        ),
    ]


def followup_figures(communities: Any, user: Any) -> list[Any]:
    """Totals over the communities in view; linked when they are one community."""
    counts = _counts(communities)
    total = {
        "open": sum(c["open"] for c in counts.values()),
        "overdue": sum(c["overdue"] for c in counts.values()),
    }
    slugs = list(communities.values_list("slug", flat=True)[:2])
    return _figures(slugs[0] if len(slugs) == 1 else None, total)


def followup_per_community(communities: Any, user: Any) -> dict[int, list[Any]]:
    counts = _counts(communities)
    return {
        pk: _figures(slug, counts.get(pk, {"open": 0, "overdue": 0}))
        for pk, slug in communities.values_list("pk", "slug")
    }


def ready() -> None:
    from communities import oversight
    from communities.cache import bump_generation
    from consultation import models
    from consultation.tasks import publish_pending_resolutions
    from notifications import kinds, scheduling

    for key, label in KINDS:
        kinds.register(key, label)
    scheduling.register(
        "consultation.publish_pending_resolutions",
        publish_pending_resolutions,
        every=timedelta(hours=1),
    )
    oversight.register(
        oversight.Section(
            key="followups",
            title=_("Consultation follow-ups"),
            figures=followup_figures,
            per_community=followup_per_community,
            order=40,
        )
    )
    post_save.connect(
        _draft_on_held,
        sender=models.Meeting,
        dispatch_uid="gz_consultation_minutes_on_held",
    )
    post_save.connect(
        _draft_on_vote_closed,
        sender=models.Motion,
        dispatch_uid="gz_consultation_minutes_on_vote_closed",
    )
    for model in (
        models.Comment,
        models.Minutes,
        models.MinutesConfirmation,
        models.Resolution,
        models.FollowUpItem,
        models.Milestone,
        models.ProgressUpdate,
        models.ProgressPhoto,
        models.FollowUpRating,
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
